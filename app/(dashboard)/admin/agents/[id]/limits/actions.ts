"use server";

import { revalidatePath } from "next/cache";
import { removeAgentBudget, setAgentBudget } from "@/lib/limits/set-agent-budget.ts";
import { setAgentLimits } from "@/lib/limits/set-agent-limits.ts";
import type { TAgentLimitsInput, TBudgetInput } from "@/lib/limits/schemas.ts";
import { runAdminAction } from "../../../run-admin-action.ts";

// Server actions of an agent's limits page; the services validate and authorize.

const done = <T,>(agentId: string, result: T) => (revalidatePath(`/admin/agents/${agentId}/limits`), result);

export async function saveLimitsAction(agentId: string, limits: TAgentLimitsInput) {
  return done(agentId, await runAdminAction((actor) => setAgentLimits({ actor, agentId, limits })));
}

export async function saveBudgetAction(agentId: string, budget: TBudgetInput) {
  return done(agentId, await runAdminAction((actor) => setAgentBudget({ actor, agentId, budget })));
}

export async function removeBudgetAction(agentId: string, action: string) {
  return done(agentId, await runAdminAction((actor) => removeAgentBudget({ actor, agentId, action })));
}
