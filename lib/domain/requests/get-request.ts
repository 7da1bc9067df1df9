import type { AgentActor } from "@/lib/domain/auth/actor.ts";
import { db } from "@/lib/platform/db.ts";
import { findAgentRequest } from "./find-agent-request.ts";
import { toRequestView, type RequestView } from "./request-view.ts";

export async function getRequest(options: { actor: AgentActor; requestId: string }): Promise<RequestView> {
  return toRequestView(await findAgentRequest(db(), options.actor, options.requestId));
}
