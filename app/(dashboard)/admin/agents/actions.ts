"use server";

import { revalidatePath } from "next/cache";
import { createAgent } from "@/lib/agents/create-agent.ts";
import { killAgent } from "@/lib/agents/kill-agent.ts";
import { pauseAgent } from "@/lib/agents/pause-agent.ts";
import { resumeAgent } from "@/lib/agents/resume-agent.ts";
import { revokeApiKey } from "@/lib/agents/revoke-api-key.ts";
import { rotateAgentKey } from "@/lib/agents/rotate-agent-key.ts";
import { updateAgent } from "@/lib/agents/update-agent.ts";
import { runAdminAction } from "../run-admin-action.ts";

// Server actions of the agents page. Keys come back once, to be shown once.

const done = <T,>(result: T) => (revalidatePath("/admin/agents"), result);

const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

export async function createAgentAction(input: { name: string; scopes: string; owner: string; tags: string }) {
  return done(await runAdminAction((actor) =>
    createAgent({ actor, name: input.name.trim(), scopes: list(input.scopes), ownerEmail: input.owner.trim() || undefined, tags: list(input.tags) }),
  ));
}

export async function rotateKeyAction(agentId: string, graceSeconds: number) {
  return done(await runAdminAction((actor) => rotateAgentKey({ actor, agentId, graceSeconds })));
}

export async function revokeKeyAction(agentId: string, prefix: string) {
  return done(await runAdminAction((actor) => revokeApiKey({ actor, agentId, prefix })));
}

export async function setAgentRunningAction(agentId: string, running: boolean) {
  return done(await runAdminAction((actor) => (running ? resumeAgent({ actor, agentId }) : pauseAgent({ actor, agentId }))));
}

export async function killAgentAction(agentId: string) {
  return done(await runAdminAction((actor) => killAgent({ actor, agentId })));
}

export async function updateAgentAction(agentId: string, input: { scopes: string; owner: string; tags: string }) {
  return done(await runAdminAction((actor) =>
    updateAgent({ actor, agentId, scopes: list(input.scopes), tags: list(input.tags), ownerEmail: input.owner.trim() || null }),
  ));
}
