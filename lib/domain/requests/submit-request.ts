import { v7 as uuidv7 } from "uuid";
import type { AuthenticatedAgent } from "@/lib/domain/agents/authenticate-agent.ts";
import { scopeAllows } from "@/lib/domain/agents/scope-allows.ts";
import { findSubmittableActionType } from "@/lib/domain/action-types/find-submittable-action-type.ts";
import { effectiveLimits } from "@/lib/domain/limits/agent-limits.ts";
import { consumeSubmitQuota } from "@/lib/domain/limits/consume-submit-quota.ts";
import { recordStrike } from "@/lib/domain/limits/record-strike.ts";
import { tooManyPending } from "@/lib/domain/limits/too-many-pending.ts";
import { afterStrike } from "@/lib/domain/limits/trip-breaker.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { canonicalJson, sha256Hex } from "@/lib/kernel/json/canonical-json.ts";
import { db, type Tx } from "@/lib/platform/db.ts";
import { env } from "@/lib/platform/env.ts";
import { evaluateProposal } from "./evaluate-proposal.ts";
import { signalRequestClosed } from "./decision-signal.ts";
import { IdempotencyRace, replayIdempotent } from "./idempotency.ts";
import { planSubmission } from "./plan-submission.ts";
import { publishRequestChange } from "./request-change-feed.ts";
import type { RequestView } from "./request-view.ts";
import type { TSubmitRequestBody } from "./schemas.ts";
import { writeSubmission } from "./write-submission.ts";

export type SubmitResult = { status: number; body: RequestView; replayed: boolean };

/**
 * Submits an action for approval: state and scope checks, the agent's limits (rate, pending,
 * payload size), then — in one transaction — the proposal's evaluation (schema, argument
 * inspection, budget, the policy with the platform's guards on top; the same evaluation a
 * reviewer's edit goes through), the request (sensitive content encrypted), its
 * audit events, its outbox event and (with an Idempotency-Key) the stored response. Policy
 * allow/deny close the request at once. A limit hit or a rejection counts for the breaker.
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
  if (actor.status !== "active") throw new AppError("forbidden", `Agent is ${actor.status}`);
  if (!scopeAllows(actor.scopes, body.action)) {
    throw new AppError("forbidden", `Action ${body.action} is outside this key's scopes`);
  }
  const minTtl = env().MIN_REQUEST_TTL_SECONDS;
  if (body.expiresInSeconds !== undefined && body.expiresInSeconds < minTtl) {
    throw new AppError("validation_error", `expiresInSeconds must be at least ${minTtl}`, [
      { path: "/expiresInSeconds", message: `must be >= ${minTtl}` },
    ]);
  }
  const bodyHash = idempotencyKey ? sha256Hex(canonicalJson(body)) : null;
  if (idempotencyKey && bodyHash) {
    const replay = await replayIdempotent(db(), actor.agentId, idempotencyKey, bodyHash);
    if (replay) return replay;
  }
  const limits = effectiveLimits(actor.limits);
  await consumeSubmitQuota(actor.agentId, limits.submitsPerMinute);
  const payloadBytes = Buffer.byteLength(JSON.stringify(body.payload));
  if (payloadBytes > limits.maxPayloadBytes) {
    throw new AppError("payload_too_large", `The payload is ${payloadBytes} bytes; this agent may send at most ${limits.maxPayloadBytes}`, {
      limit: "max_payload_bytes",
      maxPayloadBytes: limits.maxPayloadBytes,
    });
  }

  const actionType = await findSubmittableActionType(body.action);
  if (!actionType) throw new AppError("unknown_action", `Unknown action ${body.action}`);
  const budgetRule = actionType.budgetField
    ? await db().agentBudget.findUnique({ where: { agentId_actionTypeId: { agentId: actor.agentId, actionTypeId: actionType.id } } })
    : null;

  const id = uuidv7();
  const now = new Date();
  const agent = { id: actor.agentId, name: actor.agentName, tags: actor.tags, owner: actor.ownerEmail };
  const decide = async (tx: Tx) => {
    const verdict = await evaluateProposal(tx, {
      actionType,
      budgetRule,
      agent,
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
