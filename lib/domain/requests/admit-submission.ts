import { findSubmittableActionType } from "@/lib/domain/action-types/find-submittable-action-type.ts";
import type { AuthenticatedAgent } from "@/lib/domain/agents/authenticate-agent.ts";
import { scopeAllows } from "@/lib/domain/agents/scope-allows.ts";
import { effectiveLimits, type EffectiveLimits } from "@/lib/domain/limits/agent-limits.ts";
import type { BudgetRule } from "@/lib/domain/limits/check-budget.ts";
import { consumeSubmitQuota } from "@/lib/domain/limits/consume-submit-quota.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { canonicalJson, sha256Hex } from "@/lib/kernel/json/canonical-json.ts";
import { db } from "@/lib/platform/db.ts";
import { env } from "@/lib/platform/env.ts";
import { replayIdempotent } from "./idempotency.ts";
import type { TSubmitRequestBody } from "./schemas.ts";

/** The stored answer to an earlier submission with the same Idempotency-Key. */
type Replay = NonNullable<Awaited<ReturnType<typeof replayIdempotent>>>;

/** What the checks before the write found, for the evaluation and the write. */
export type Admission = {
  /** The body's hash when the call carries an Idempotency-Key. */
  bodyHash: string | null;
  limits: EffectiveLimits;
  actionType: NonNullable<Awaited<ReturnType<typeof findSubmittableActionType>>>;
  budgetRule: BudgetRule | null;
};

/**
 * The checks a submission passes before anything is written, in this order: the agent's state
 * and scope, the minimum deadline, a stored answer to the same Idempotency-Key (returned as
 * `replay`), the submit rate, the payload size, the action type; then the agent's budget for the
 * action, if it has one. The pending limit is checked by the write itself (write-submission.ts).
 * Each refusal is an AppError; nothing is written here except the rate limiter's count.
 */
export async function admitSubmission(options: {
  actor: AuthenticatedAgent;
  body: TSubmitRequestBody;
  idempotencyKey?: string;
}): Promise<{ replay: Replay } | { admission: Admission }> {
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
    if (replay) return { replay };
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
  return { admission: { bodyHash, limits, actionType, budgetRule } };
}
