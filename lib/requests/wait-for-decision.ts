import type { AgentActor } from "@/lib/auth/actor.ts";
import { db } from "@/lib/server/db.ts";
import { watchRequest } from "./decision-signal.ts";
import { findAgentRequest } from "./find-agent-request.ts";
import { toRequestView, type RequestView } from "./request-view.ts";

/**
 * Long-poll: returns as soon as the request is no longer pending, or after `timeoutSeconds` with
 * its current state. Woken by the Redis decision signal; Postgres stays the source of truth.
 */
export async function waitForDecision(options: {
  actor: AgentActor;
  requestId: string;
  timeoutSeconds: number;
  signal?: AbortSignal;
}): Promise<RequestView> {
  const { actor, requestId } = options;
  const first = await findAgentRequest(db(), actor, requestId);
  if (first.status !== "pending" || options.timeoutSeconds === 0) return toRequestView(first);

  const watch = await watchRequest(requestId, options.timeoutSeconds * 1000, options.signal);
  try {
    // Re-read after subscribing: a decision committed in between would otherwise be missed.
    const again = await findAgentRequest(db(), actor, requestId);
    if (again.status !== "pending") return toRequestView(again);
    await watch.closed;
    return toRequestView(await findAgentRequest(db(), actor, requestId));
  } finally {
    watch.cancel();
  }
}
