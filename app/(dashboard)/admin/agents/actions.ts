"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createAgent } from "@/lib/domain/agents/create-agent.ts";
import { killAgent } from "@/lib/domain/agents/kill-agent.ts";
import { pauseAgent } from "@/lib/domain/agents/pause-agent.ts";
import { resumeAgent } from "@/lib/domain/agents/resume-agent.ts";
import { revokeApiKey } from "@/lib/domain/agents/revoke-api-key.ts";
import { rotateAgentKey } from "@/lib/domain/agents/rotate-agent-key.ts";
import { updateAgent } from "@/lib/domain/agents/update-agent.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";
import { runAdminAction } from "../run-admin-action.ts";

// Server actions of the agents page. Keys come back once, to be shown once. Arguments arrive from
// the client as any value: checked first (inside runAdminAction, so a mismatch is a refusal shown
// on the form, not a TypeError's or a database error's 500).

const done = <T>(result: T) => (revalidatePath("/admin/agents"), result);

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
const ZFields = z.object({ scopes: z.string(), owner: z.string(), tags: z.string() });
const agent = (agentId: unknown) => parseInput(z.uuid(), agentId, "agentId");

export async function createAgentAction(input: { name: string; scopes: string; owner: string; tags: string }) {
  return done(
    await runAdminAction((actor) => {
      const a = parseInput(ZFields.extend({ name: z.string() }), input);
      return createAgent({
        actor,
        name: a.name.trim(),
        scopes: list(a.scopes),
        ownerEmail: a.owner.trim() || undefined,
        tags: list(a.tags),
      });
    }),
  );
}

export async function rotateKeyAction(agentId: string, graceSeconds: number) {
  return done(
    await runAdminAction((actor) =>
      rotateAgentKey({ actor, agentId: agent(agentId), graceSeconds: parseInput(z.number(), graceSeconds, "graceSeconds") }),
    ),
  );
}

export async function revokeKeyAction(agentId: string, prefix: string) {
  return done(
    await runAdminAction((actor) => revokeApiKey({ actor, agentId: agent(agentId), prefix: parseInput(z.string(), prefix, "prefix") })),
  );
}

export async function setAgentRunningAction(agentId: string, running: boolean) {
  return done(
    await runAdminAction((actor) => {
      const id = agent(agentId);
      return parseInput(z.boolean(), running, "running") ? resumeAgent({ actor, agentId: id }) : pauseAgent({ actor, agentId: id });
    }),
  );
}

export async function killAgentAction(agentId: string) {
  return done(await runAdminAction((actor) => killAgent({ actor, agentId: agent(agentId) })));
}

export async function updateAgentAction(agentId: string, input: { scopes: string; owner: string; tags: string }) {
  return done(
    await runAdminAction((actor) => {
      const a = parseInput(ZFields, input);
      return updateAgent({
        actor,
        agentId: agent(agentId),
        scopes: list(a.scopes),
        tags: list(a.tags),
        ownerEmail: a.owner.trim() || null,
      });
    }),
  );
}
