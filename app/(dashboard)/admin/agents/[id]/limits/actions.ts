"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { removeAgentBudget, setAgentBudget } from "@/lib/domain/limits/set-agent-budget.ts";
import { setAgentLimits } from "@/lib/domain/limits/set-agent-limits.ts";
import type { TAgentLimitsInput, TBudgetInput } from "@/lib/domain/limits/schemas.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";
import { runAdminAction } from "../../../run-admin-action.ts";

// Server actions of an agent's limits page; the services validate the limits and authorize. The
// agent id arrives from the client as any value: checked first, so a malformed one is a refusal
// shown on the form, not a database error's 500.

const done = <T>(agentId: unknown, result: T) => (revalidatePath(`/admin/agents/${String(agentId)}/limits`), result);
const agent = (agentId: unknown) => parseInput(z.uuid(), agentId, "agentId");

export async function saveLimitsAction(agentId: string, limits: TAgentLimitsInput) {
  return done(agentId, await runAdminAction((actor) => setAgentLimits({ actor, agentId: agent(agentId), limits })));
}

export async function saveBudgetAction(agentId: string, budget: TBudgetInput) {
  return done(agentId, await runAdminAction((actor) => setAgentBudget({ actor, agentId: agent(agentId), budget })));
}

export async function removeBudgetAction(agentId: string, action: string) {
  return done(
    agentId,
    await runAdminAction((actor) =>
      removeAgentBudget({ actor, agentId: agent(agentId), action: parseInput(z.string(), action, "action") }),
    ),
  );
}
