import type { AuthenticatedAgent } from "@/lib/domain/agents/authenticate-agent.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { holdPendingLimit } from "@/lib/domain/limits/check-pending-limit.ts";
import { recordStrike } from "@/lib/domain/limits/record-strike.ts";
import { enqueueOutboxEvent } from "@/lib/domain/outbox/enqueue-outbox-event.ts";
import type { PolicyDecision } from "@/lib/domain/policies/evaluate-policy.ts";
import { payloadHash } from "@/lib/kernel/json/canonical-json.ts";
import { env } from "@/lib/platform/env.ts";
import type { Prisma, Tx } from "@/lib/platform/db.ts";
import type { Admission } from "./admit-submission.ts";
import { closeRequest } from "./close-request.ts";
import { evaluateProposal } from "./evaluate-proposal.ts";
import { saveIdempotentResponse } from "./idempotency.ts";
import { REQUEST_VIEW_INCLUDE, toRequestView, type RequestView } from "./request-view.ts";
import type { TSubmitRequestBody } from "./schemas.ts";
import { sealSubmission } from "./sealed-request.ts";

/**
 * The submission's transaction, after admitSubmission: hold the pending limit, evaluate the
 * proposal (schema, argument inspection, budget, the policy with the platform's guards on top;
 * the same evaluation a reviewer's edit goes through), then write the request (sensitive content
 * encrypted), its audit event, its outbox event or — on policy allow/deny — its closing, the
 * breaker's strikes and (with an Idempotency-Key) the stored response. `struck`: a strike was
 * recorded, for the breaker to look at after the commit.
 */
export async function writeSubmission(
  tx: Tx,
  options: { actor: AuthenticatedAgent; body: TSubmitRequestBody; idempotencyKey?: string; admission: Admission; id: string; now: Date },
): Promise<{ view: RequestView; struck: boolean }> {
  const { actor, body, idempotencyKey, id, now } = options;
  const { bodyHash, limits, actionType, pendingSeen, budgetRule } = options.admission;
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
  const struck = policy.outcome === "deny" || !!budget?.exceeded;
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
  return { view, struck };
}

/** Time to decide: the agent's wish, capped by the rule's deadline and the operator's maximum. */
function ttlSeconds(requested: number | undefined, policy: PolicyDecision): number {
  const { DEFAULT_REQUEST_TTL_SECONDS, MAX_REQUEST_TTL_SECONDS } = env();
  return Math.min(requested ?? DEFAULT_REQUEST_TTL_SECONDS, policy.timeoutSeconds ?? Infinity, MAX_REQUEST_TTL_SECONDS);
}
