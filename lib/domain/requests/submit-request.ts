import { v7 as uuidv7 } from "uuid";
import type { AuthenticatedAgent } from "@/lib/domain/agents/authenticate-agent.ts";
import { effectiveLimits } from "@/lib/domain/limits/agent-limits.ts";
import { recordStrike } from "@/lib/domain/limits/record-strike.ts";
import { tooManyPending } from "@/lib/domain/limits/too-many-pending.ts";
import { afterStrike } from "@/lib/domain/limits/trip-breaker.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db, type Tx } from "@/lib/platform/db.ts";
import { admitSubmission } from "./admit-submission.ts";
import { signalRequestClosed } from "./decision-signal.ts";
import { evaluateProposal } from "./evaluate-proposal.ts";
import { IdempotencyRace, replayIdempotent } from "./idempotency.ts";
import { planSubmission } from "./plan-submission.ts";
import { publishRequestChange } from "./request-change-feed.ts";
import type { RequestView } from "./request-view.ts";
import type { TSubmitRequestBody } from "./schemas.ts";
import { writeSubmission } from "./write-submission.ts";

export type SubmitResult = { status: number; body: RequestView; replayed: boolean };

/**
 * Submits an action for approval: the admission checks (admit-submission.ts: state and scope,
 * idempotent replay, rate, payload size, the action type), the proposal's evaluation (schema,
 * argument inspection, budget, the policy with the platform's guards on top; the same evaluation
 * a reviewer's edit goes through), the records it leads to (plan-submission.ts: a policy-decided
 * request is written closed) and ONE statement that checks the pending limit and writes them all
 * (write-submission.ts). A limit hit or a rejection counts for the breaker.
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
  const { actor, body, idempotencyKey } = options;
  const admitted = await admitSubmission(options);
  if ("replay" in admitted) return admitted.replay;
  const { bodyHash, limits, actionType, budgetRule } = admitted.admission;
  const id = uuidv7();
  const now = new Date();
  const decide = async (tx: Tx) => {
    const verdict = await evaluateProposal(tx, {
      actionType,
      budgetRule,
      agent: { id: actor.agentId, name: actor.agentName, tags: actor.tags, owner: actor.ownerEmail },
      payload: body.payload,
      summary: body.summary ?? null,
      context: body.context ?? null,
      now,
    });
    const planned = await planSubmission(tx, {
      id,
      now,
      actor,
      body,
      actionType,
      verdict,
      idempotency: idempotencyKey && bodyHash ? { key: idempotencyKey, bodyHash } : null,
      maxPending: limits.maxPending,
    });
    const outcome = await writeSubmission(tx, planned.records);
    if (outcome === "over_pending_limit") throw tooManyPending(limits.maxPending);
    if (outcome === "idempotency_race") throw new IdempotencyRace();
    return planned;
  };

  try {
    // One statement, unless a budget must be read under its lock first: then one short transaction.
    const { view, struck } = budgetRule ? await db().$transaction(decide) : await decide(db());
    if (view.status !== "pending") await signalRequestClosed(view.id);
    else await publishRequestChange(view.id, "created");
    if (struck) await afterStrike(actor.agentId);
    return { status: 201, body: view, replayed: false };
  } catch (e) {
    // A concurrent submission with the same key committed first: ours wrote nothing.
    if (e instanceof IdempotencyRace && idempotencyKey && bodyHash) {
      const replay = await replayIdempotent(db(), actor.agentId, idempotencyKey, bodyHash);
      if (replay) return replay;
    }
    throw e;
  }
}
