import { v7 as uuidv7 } from "uuid";
import type { AuthenticatedAgent } from "@/lib/domain/agents/authenticate-agent.ts";
import { effectiveLimits } from "@/lib/domain/limits/agent-limits.ts";
import { recordStrike } from "@/lib/domain/limits/record-strike.ts";
import { afterStrike } from "@/lib/domain/limits/trip-breaker.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { admitSubmission } from "./admit-submission.ts";
import { signalRequestClosed } from "./decision-signal.ts";
import { IdempotencyRace, replayIdempotent } from "./idempotency.ts";
import { publishRequestChange } from "./request-change-feed.ts";
import type { RequestView } from "./request-view.ts";
import type { TSubmitRequestBody } from "./schemas.ts";
import { writeSubmission } from "./write-submission.ts";

export type SubmitResult = { status: number; body: RequestView; replayed: boolean };

/**
 * Submits an action for approval: the admission checks (admit-submission.ts: state and scope,
 * idempotent replay, the agent's limits — rate, payload size, pending), then in one transaction
 * the proposal's evaluation and every write (write-submission.ts: the request, its audit events,
 * its outbox event, the stored idempotent response). Policy allow/deny close the request at once.
 * A limit hit or a rejection counts for the breaker.
 */
export async function submitRequest(options: {
  actor: AuthenticatedAgent;
  body: TSubmitRequestBody;
  idempotencyKey?: string;
}): Promise<SubmitResult> {
  const { actor } = options;
  try {
    return await submit(options);
  } catch (e) {
    // Limit hits count for the circuit breaker (unless it is off for this agent).
    if (
      e instanceof AppError &&
      (e.code === "rate_limited" || e.code === "payload_too_large") &&
      effectiveLimits(actor.limits).breakerThreshold > 0
    ) {
      const detail = (e.details as { limit?: string } | undefined)?.limit ?? e.code;
      await recordStrike(db(), { agentId: actor.agentId, kind: "limit_hit", detail }).then(
        () => afterStrike(actor.agentId),
        () => {},
      );
    }
    throw e;
  }
}

async function submit(options: { actor: AuthenticatedAgent; body: TSubmitRequestBody; idempotencyKey?: string }): Promise<SubmitResult> {
  const { actor, idempotencyKey } = options;
  const admitted = await admitSubmission(options);
  if ("replay" in admitted) return admitted.replay;
  const { admission } = admitted;
  const id = uuidv7();
  const now = new Date();
  try {
    const { view, struck } = await db().$transaction((tx) => writeSubmission(tx, { ...options, admission, id, now }));
    if (view.status !== "pending") await signalRequestClosed(view.id);
    else await publishRequestChange(view.id, "created");
    if (struck) await afterStrike(actor.agentId);
    return { status: 201, body: view, replayed: false };
  } catch (e) {
    // A concurrent submission with the same key committed first: ours rolled back whole.
    if (e instanceof IdempotencyRace && idempotencyKey && admission.bodyHash) {
      const replay = await replayIdempotent(db(), actor.agentId, idempotencyKey, admission.bodyHash);
      if (replay) return replay;
    }
    throw e;
  }
}
