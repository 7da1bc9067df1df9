import { validatePayload } from "@/lib/action-types/validate-payload.ts";
import { scopeAllows } from "@/lib/agents/scope-allows.ts";
import type { AgentActor } from "@/lib/auth/actor.ts";
import { recordAuditEvent } from "@/lib/audit/record-audit-event.ts";
import { AppError } from "@/lib/errors.ts";
import { canonicalJson, payloadHash, sha256Hex } from "@/lib/json/canonical-json.ts";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue-outbox-event.ts";
import { evaluatePolicy, PUBLISHED_POLICY_INCLUDE, type PolicyDecision } from "@/lib/policies/evaluate-policy.ts";
import { db, type Prisma } from "@/lib/server/db.ts";
import { env } from "@/lib/server/env.ts";
import type { AgentStatus } from "@/lib/server/prisma/enums.ts";
import { closeRequest } from "./close-request.ts";
import { signalRequestClosed } from "./decision-signal.ts";
import { publishRequestChange } from "./request-change-feed.ts";
import { replayIdempotent, saveIdempotentResponse, IdempotencyRace } from "./idempotency.ts";
import { REQUEST_VIEW_INCLUDE, toRequestView, type RequestView } from "./request-view.ts";
import type { TSubmitRequestBody } from "./schemas.ts";
import { consumeSubmitQuota } from "./submit-rate-limit.ts";

export type SubmitResult = { status: number; body: RequestView; replayed: boolean };

/**
 * Submits an action for approval: scope and state checks, rate limit, schema validation, policy
 * evaluation, then the request, its audit events, its outbox event and (with an Idempotency-Key)
 * the stored response in one transaction. Policy allow/deny close the request at once.
 */
export async function submitRequest(options: {
  actor: AgentActor & { status: AgentStatus };
  body: TSubmitRequestBody;
  idempotencyKey?: string;
}): Promise<SubmitResult> {
  const { actor, body, idempotencyKey } = options;
  if (actor.status !== "active") throw new AppError("forbidden", `Agent is ${actor.status}`);
  if (!scopeAllows(actor.scopes, body.action)) {
    throw new AppError("forbidden", `Action ${body.action} is outside this key's scopes`);
  }
  const minTtl = env().MIN_REQUEST_TTL_SECONDS;
  if (body.expiresInSeconds !== undefined && body.expiresInSeconds < minTtl) {
    throw new AppError("validation_error", `expiresInSeconds must be at least ${minTtl}`, [{ path: "/expiresInSeconds", message: `must be >= ${minTtl}` }]);
  }
  const bodyHash = idempotencyKey ? sha256Hex(canonicalJson(body)) : null;
  if (idempotencyKey && bodyHash) {
    const replay = await replayIdempotent(db(), actor.agentId, idempotencyKey, bodyHash);
    if (replay) return replay;
  }
  await consumeSubmitQuota(actor.agentId);

  const [actionType, agent] = await Promise.all([
    db().actionType.findUnique({ where: { key: body.action }, include: PUBLISHED_POLICY_INCLUDE }),
    db().agent.findUniqueOrThrow({ where: { id: actor.agentId }, select: { tags: true, owner: { select: { email: true } } } }),
  ]);
  if (!actionType) throw new AppError("unknown_action", `Unknown action ${body.action}`);
  validatePayload(actionType, body.payload);

  const now = new Date();
  const policy = evaluatePolicy(actionType.policy?.publishedVersion ?? null, {
    payload: body.payload,
    agent: { id: actor.agentId, name: actor.agentName, tags: agent.tags, owner: agent.owner?.email ?? null },
    request: { summary: body.summary ?? null, context: body.context ?? null },
    now,
  });

  try {
    const result = await db().$transaction(async (tx) => {
      const request = await tx.approvalRequest.create({
        data: {
          agentId: actor.agentId,
          actionTypeId: actionType.id,
          action: actionType.key,
          status: "pending",
          payload: body.payload as Prisma.InputJsonValue,
          payloadHash: payloadHash(body.payload),
          summary: body.summary ?? null,
          reasoning: body.reasoning ?? null,
          context: (body.context ?? undefined) as Prisma.InputJsonValue | undefined,
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
      // A pending request has no reviews yet: its view needs no second read.
      const view = toRequestView(
        policy.outcome === "review"
          ? { ...request, reviews: [] }
          : await tx.approvalRequest.findUniqueOrThrow({ where: { id: request.id }, include: REQUEST_VIEW_INCLUDE }),
      );
      if (idempotencyKey && bodyHash) {
        await saveIdempotentResponse(tx, { agentId: actor.agentId, key: idempotencyKey, bodyHash, requestId: request.id, status: 201, body: view });
      }
      return view;
    });
    if (result.status !== "pending") await signalRequestClosed(result.id);
    else await publishRequestChange(result.id, "created");
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
