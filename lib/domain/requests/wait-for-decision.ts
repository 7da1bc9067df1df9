import type { AgentActor } from "@/lib/domain/auth/actor.ts";
import { db } from "@/lib/platform/db.ts";
import { signalsLive, watchRequest } from "./decision-signal.ts";
import { findAgentRequest } from "./find-agent-request.ts";
import { toRequestView, type RequestView } from "./request-view.ts";

const POLL_WITHOUT_SIGNAL_MS = 1000;

/**
 * Long-poll: returns as soon as the request is no longer pending, or after `timeoutSeconds` with
 * its current state. Woken by the Redis decision signal (or, while Redis is down, by polling);
 * Postgres stays the source of truth.
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
    for (;;) {
      const row = await findAgentRequest(db(), actor, requestId);
      if (row.status !== "pending" || watch.settled()) return toRequestView(row);
      // While Redis is unreachable no signal comes: re-read Postgres every second instead.
      await Promise.race([watch.closed, ...(signalsLive() ? [] : [new Promise((r) => setTimeout(r, POLL_WITHOUT_SIGNAL_MS))])]);
    }
  } finally {
    watch.cancel();
  }
}
