import { v7 as uuidv7 } from "uuid";
import type { AuthenticatedAgent } from "@/lib/domain/agents/authenticate-agent.ts";
import { scopeAllows } from "@/lib/domain/agents/scope-allows.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { effectiveLimits } from "@/lib/domain/limits/agent-limits.ts";
import { checkPendingLimit, holdPendingLimit } from "@/lib/domain/limits/check-pending-limit.ts";
import { consumeSubmitQuota } from "@/lib/domain/limits/consume-submit-quota.ts";
import { recordStrike } from "@/lib/domain/limits/record-strike.ts";
import { afterStrike } from "@/lib/domain/limits/trip-breaker.ts";
import { canonicalJson, payloadHash, sha256Hex } from "@/lib/kernel/json/canonical-json.ts";
import { enqueueOutboxEvent } from "@/lib/domain/outbox/enqueue-outbox-event.ts";
import { PUBLISHED_POLICY_INCLUDE, type PolicyDecision } from "@/lib/domain/policies/evaluate-policy.ts";
import { db, type Prisma } from "@/lib/platform/db.ts";
import { env } from "@/lib/platform/env.ts";
import { closeRequest } from "./close-request.ts";
import { evaluateProposal } from "./evaluate-proposal.ts";
import { signalRequestClosed } from "./decision-signal.ts";
import { publishRequestChange } from "./request-change-feed.ts";
import { replayIdempotent, saveIdempotentResponse, IdempotencyRace } from "./idempotency.ts";
import { REQUEST_VIEW_INCLUDE, toRequestView, type RequestView } from "./request-view.ts";
import type { TSubmitRequestBody } from "./schemas.ts";
import { sealSubmission } from "./sealed-request.ts";

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

  const actionType = await db().actionType.findUnique({ where: { key: body.action }, include: PUBLISHED_POLICY_INCLUDE });
  if (!actionType) throw new AppError("unknown_action", `Unknown action ${body.action}`);
  const pendingSeen = await checkPendingLimit(actor.agentId, limits.maxPending);
  const budgetRule = actionType.budgetField
    ? await db().agentBudget.findUnique({ where: { agentId_actionTypeId: { agentId: actor.agentId, actionTypeId: actionType.id } } })
    : null;

  const id = uuidv7();
  const now = new Date();
  let struck = false;

  try {
    const result = await db().$transaction(async (tx) => {
      await holdPendingLimit(tx, actor.agentId, limits.maxPending, pendingSeen);
      const { inspection, risk, amount, budget, policy } = await evaluateProposal(tx, {
        actionType,
        budgetRule,
        agent: { id: actor.agentId, name: actor.agentName, tags: actor.tags, owner: actor.ownerEmail },
        payload: body.payload,
        summary: body.summary ?? null,
        context: body.context ?? null,
        now,
      });
      const request = await tx.approvalRequest.create({
        data: {
          id,
          agentId: actor.agentId,
          actionTypeId: actionType.id,
          action: actionType.key,
          status: "pending",
          ...sealSubmission(id, actionType.sensitiveFields, body),
          sealedFields: actionType.sensitiveFields,
          payloadHash: payloadHash(body.payload),
          summary: body.summary ?? null,
          riskFlags: risk.flags,
          riskScore: risk.score,
          riskFindings: inspection.findings as Prisma.InputJsonValue,
          spendAmount: amount ?? null,
          policyVersionId: policy.policyVersionId,
          ruleId: policy.ruleId,
          policyReason: policy.reason,
          requiredApprovals: policy.outcome === "review" ? policy.requiredApprovals : 0,
          approvingGroups: policy.approvingGroups,
          ownerMayApprove: policy.ownerMayApprove,
          createdAt: now,
          expiresAt: new Date(now.getTime() + ttlSeconds(body.expiresInSeconds, policy) * 1000),
        },
      });
      await recordAuditEvent(tx, {
        type: "request.created",
        actor,
        subject: `request:${request.id}`,
        data: {
          action: request.action,
          payloadHash: request.payloadHash,
          policy: { outcome: policy.outcome, versionId: policy.policyVersionId, rule: policy.ruleName, reason: policy.reason },
          risk: { flags: risk.flags, score: risk.score },
          ...(budget ? { budget: { spent: budget.spent, amount: budget.amount, limit: budget.limit, exceeded: budget.exceeded } } : {}),
          requiredApprovals: request.requiredApprovals,
          expiresAt: request.expiresAt.toISOString(),
        },
      });
      if (policy.outcome === "review") {
        await enqueueOutboxEvent(tx, {
          type: "request.created",
          aggregateId: request.id,
          data: { requestId: request.id, agentId: actor.agentId, action: request.action, approvingGroups: policy.approvingGroups },
        });
      } else {
        await closeRequest(tx, {
          actor: { kind: "system", name: "policy" },
          request,
          status: policy.outcome === "allow" ? "approved" : "rejected",
          by: "policy",
          comment: policy.reason,
          approvedPayload: policy.outcome === "allow" ? (body.payload as Prisma.InputJsonValue) : undefined,
        });
      }
      if (policy.outcome === "deny") await recordStrike(tx, { agentId: actor.agentId, kind: "rejection", detail: request.id });
      if (budget?.exceeded) await recordStrike(tx, { agentId: actor.agentId, kind: "limit_hit", detail: "budget" });
      struck = policy.outcome === "deny" || !!budget?.exceeded;
      // A pending request has no reviews yet: its view needs no second read.
      const view = toRequestView(
        policy.outcome === "review"
          ? { ...request, reviews: [] }
          : await tx.approvalRequest.findUniqueOrThrow({ where: { id: request.id }, include: REQUEST_VIEW_INCLUDE }),
      );
      if (idempotencyKey && bodyHash) {
        await saveIdempotentResponse(tx, {
          agentId: actor.agentId,
          key: idempotencyKey,
          bodyHash,
          requestId: request.id,
          status: 201,
          body: view,
        });
      }
      return view;
    });
    if (result.status !== "pending") await signalRequestClosed(result.id);
    else await publishRequestChange(result.id, "created");
    if (struck) await afterStrike(actor.agentId);
    return { status: 201, body: result, replayed: false };
  } catch (e) {
    // A concurrent submission with the same key committed first: ours rolled back whole.
    if (e instanceof IdempotencyRace && idempotencyKey && bodyHash) {
      const replay = await replayIdempotent(db(), actor.agentId, idempotencyKey, bodyHash);
      if (replay) return replay;
    }
    throw e;
  }
}

/** Time to decide: the agent's wish, capped by the rule's deadline and the operator's maximum. */
function ttlSeconds(requested: number | undefined, policy: PolicyDecision): number {
  const { DEFAULT_REQUEST_TTL_SECONDS, MAX_REQUEST_TTL_SECONDS } = env();
  return Math.min(requested ?? DEFAULT_REQUEST_TTL_SECONDS, policy.timeoutSeconds ?? Infinity, MAX_REQUEST_TTL_SECONDS);
}
