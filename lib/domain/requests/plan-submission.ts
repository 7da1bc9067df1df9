import type { AuthenticatedAgent } from "@/lib/domain/agents/authenticate-agent.ts";
import type { AuditEventInput } from "@/lib/domain/audit/record-audit-event.ts";
import { payloadHash } from "@/lib/kernel/json/canonical-json.ts";
import type { Prisma, Tx } from "@/lib/platform/db.ts";
import { env } from "@/lib/platform/env.ts";
import type { PolicyDecision } from "@/lib/domain/policies/evaluate-policy.ts";
import { closureRecords, signApproval, type CloseRequestInput } from "./close-request.ts";
import type { ProposalVerdict } from "./evaluate-proposal.ts";
import type { RequestRow, RequestView } from "./request-view.ts";
import { toRequestView } from "./request-view.ts";
import type { TSubmitRequestBody } from "./schemas.ts";
import { sealStoredResponse, sealSubmission } from "./sealed-request.ts";
import type { NewRequestRow, SubmissionRecords } from "./write-submission.ts";

const POLICY = { kind: "system", name: "policy" } as const;

/**
 * Everything a judged submission writes, computed before the write: the request row (closed at
 * once when the policy allows or denies, with its receipt), its audit events, its outbox record,
 * breaker strikes, the stored idempotent response — and the response itself, which needs no read
 * afterwards. The same records closeRequest writes for a closure (closureRecords).
 */
export async function planSubmission(
  tx: Tx,
  input: {
    id: string;
    now: Date;
    actor: AuthenticatedAgent;
    body: TSubmitRequestBody;
    actionType: { id: string; key: string; sensitiveFields: string[] };
    verdict: ProposalVerdict;
    idempotency: { key: string; bodyHash: string } | null;
    maxPending: number;
  },
): Promise<{ records: SubmissionRecords; view: RequestView; struck: boolean }> {
  const { id, now, actor, body, actionType, verdict } = input;
  const { policy, risk, budget, inspection, amount } = verdict;
  const hash = payloadHash(body.payload);
  let row: NewRequestRow = {
    id,
    agentId: actor.agentId,
    actionTypeId: actionType.id,
    action: actionType.key,
    status: "pending",
    ...sealSubmission(id, actionType.sensitiveFields, body),
    sealedFields: actionType.sensitiveFields,
    payloadHash: hash,
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
  };
  const audit: AuditEventInput[] = [
    {
      type: "request.created",
      actor,
      subject: `request:${id}`,
      data: {
        action: row.action,
        payloadHash: hash,
        policy: { outcome: policy.outcome, versionId: policy.policyVersionId, rule: policy.ruleName, reason: policy.reason },
        risk: { flags: risk.flags, score: risk.score },
        ...(budget ? { budget: { spent: budget.spent, amount: budget.amount, limit: budget.limit, exceeded: budget.exceeded } } : {}),
        requiredApprovals: row.requiredApprovals,
        expiresAt: row.expiresAt.toISOString(),
      },
    },
  ];
  let outbox: SubmissionRecords["outbox"] = {
    type: "request.created",
    aggregateId: id,
    data: { requestId: id, agentId: actor.agentId, action: row.action, approvingGroups: policy.approvingGroups },
  };
  if (policy.outcome !== "review") {
    // Decided by the policy: the row is written closed, as closeRequest would have closed it.
    const close: CloseRequestInput = {
      actor: POLICY,
      request: { id, agentId: actor.agentId, action: row.action, payloadHash: hash, sealedFields: actionType.sensitiveFields },
      status: policy.outcome === "allow" ? "approved" : "rejected",
      by: "policy",
      comment: policy.reason,
      approvedPayload: policy.outcome === "allow" ? (body.payload as Prisma.InputJsonValue) : undefined,
    };
    const receipt = close.status === "approved" ? await signApproval(tx, close, now) : null;
    const closure = closureRecords(close, now, receipt);
    row = { ...row, ...closure.columns };
    audit.push(closure.audit);
    outbox = closure.outbox;
  }
  const strikes: SubmissionRecords["strikes"] = [
    ...(policy.outcome === "deny" ? [{ kind: "rejection" as const, detail: id }] : []),
    ...(budget?.exceeded ? [{ kind: "limit_hit" as const, detail: "budget" }] : []),
  ];
  const view = toRequestView(storedRow(row));
  return {
    records: {
      request: row,
      audit,
      outbox,
      strikes,
      idempotency: input.idempotency ? { ...input.idempotency, body: sealStoredResponse(id, view) } : null,
      pendingLimit: { max: input.maxPending, lock: policy.outcome === "review" },
    },
    view,
    struck: strikes.length > 0,
  };
}

/** The row as a read would return it right after the write (no reviews yet). */
function storedRow(row: NewRequestRow): RequestRow {
  return {
    ...row,
    payload: (row.payload ?? null) as Prisma.JsonValue,
    approvedPayload: (row.approvedPayload ?? null) as Prisma.JsonValue,
    context: (row.context ?? null) as Prisma.JsonValue,
    riskFindings: row.riskFindings as Prisma.JsonValue,
    approvals: 0,
    editRuleId: null,
    editRuleName: null,
    editGroups: [],
    editDistinctGroups: false,
    submittedApprovals: null,
    submittedOwnerMayApprove: null,
    escalatedAt: null,
    decidedAt: row.decidedAt ?? null,
    decisionBy: row.decisionBy ?? null,
    decisionComment: row.decisionComment ?? null,
    executionStatus: null,
    executionOutput: null,
    executionError: null,
    executedAt: null,
    purgedAt: null,
    receipt: row.receipt ?? null,
    receiptKeyId: row.receiptKeyId ?? null,
    receiptExpiresAt: row.receiptExpiresAt ?? null,
    reviews: [],
  };
}

/** Time to decide: the agent's wish, capped by the rule's deadline and the operator's maximum. */
function ttlSeconds(requested: number | undefined, policy: PolicyDecision): number {
  const { DEFAULT_REQUEST_TTL_SECONDS, MAX_REQUEST_TTL_SECONDS } = env();
  return Math.min(requested ?? DEFAULT_REQUEST_TTL_SECONDS, policy.timeoutSeconds ?? Infinity, MAX_REQUEST_TTL_SECONDS);
}
