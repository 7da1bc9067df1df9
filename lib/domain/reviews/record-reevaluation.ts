import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import type { RiskFinding } from "@/lib/domain/inspection/inspect-arguments.ts";
import { riskScore, type RiskFlag } from "@/lib/domain/inspection/risk-flags.ts";
import type { Prisma, Tx } from "@/lib/platform/db.ts";
import type { EditReevaluation } from "./reevaluate-edit.ts";

/**
 * Inside the decision transaction: the request takes the combined requirement of an accepted edit
 * (the submission's own quorum and owner bar kept aside for a later edit), the edited payload's
 * spend replaces the submitted one in the budget, its risk flags join the request's, and the
 * `request.reevaluated` audit event records the re-evaluation.
 */
export async function recordReevaluation(
  tx: Tx,
  input: {
    actor: UserActor;
    request: { id: string; riskFlags: string[]; riskFindings: unknown; spendAmount: Prisma.Decimal | null };
    reevaluation: EditReevaluation;
    editorCounts: boolean;
  },
): Promise<void> {
  const { actor, request, reevaluation: r, editorCounts } = input;
  const flags = [...new Set([...request.riskFlags, ...r.verdict.risk.flags])].sort() as RiskFlag[];
  const findings = Array.isArray(request.riskFindings) ? [...(request.riskFindings as RiskFinding[])] : [];
  for (const f of r.verdict.inspection.findings) if (!findings.some((g) => g.flag === f.flag && g.path === f.path)) findings.push(f);
  await tx.approvalRequest.update({
    where: { id: request.id },
    data: {
      requiredApprovals: r.combined.requiredApprovals,
      ownerMayApprove: r.combined.ownerMayApprove,
      editRuleId: r.edit.ruleId,
      editRuleName: r.edit.ruleName,
      editGroups: r.combined.editGroups,
      editDistinctGroups: r.edit.distinctGroups,
      submittedApprovals: r.submitted.requiredApprovals,
      submittedOwnerMayApprove: r.submitted.ownerMayApprove,
      riskFlags: flags,
      riskScore: riskScore(flags),
      riskFindings: findings as Prisma.InputJsonValue,
      ...(r.verdict.amount !== undefined ? { spendAmount: r.verdict.amount } : {}),
    },
  });
  const rule = (x: EditReevaluation["submitted"]) => ({
    id: x.ruleId,
    name: x.ruleName,
    requiredApprovals: x.requiredApprovals,
    groups: x.approvingGroups,
    ownerMayApprove: x.ownerMayApprove,
    distinctGroups: x.distinctGroups,
  });
  await recordAuditEvent(tx, {
    type: "request.reevaluated",
    actor,
    subject: `request:${request.id}`,
    data: {
      payloadHashes: r.payloadHashes,
      submittedRule: rule(r.submitted),
      editRule: { ...rule(r.edit), outcome: r.edit.outcome, reason: r.edit.reason, policyVersionId: r.verdict.policy.policyVersionId },
      combined: r.combined,
      risk: r.verdict.risk,
      ...(r.verdict.budget
        ? { budget: { spent: r.verdict.budget.spent, amount: r.verdict.budget.amount, limit: r.verdict.budget.limit } }
        : {}),
      editorCounted: editorCounts,
    },
  });
}
