import { AppError } from "@/lib/kernel/errors.ts";
import type { RiskFlag } from "@/lib/domain/inspection/risk-flags.ts";
import { evaluateProposal, PROPOSAL_ACTION_TYPE_SELECT, type ProposalVerdict } from "@/lib/domain/requests/evaluate-proposal.ts";
import type { Tx } from "@/lib/platform/db.ts";

/** Which check refused an edited payload (`schema` comes from the same evaluation as a 400). */
export type EditRefusalCheck = "deny_rule" | "risk_flag" | "budget";

/** What one rule asks of the reviewers. */
export type RuleRequirement = {
  ruleId: string | null;
  ruleName: string | null;
  requiredApprovals: number;
  approvingGroups: string[];
  ownerMayApprove: boolean;
  distinctGroups: boolean;
};

/** The request as an edit is re-evaluated against it (already opened and locked by the caller). */
export type RequestToReevaluate = {
  id: string;
  payloadHash: string;
  summary: string | null;
  context: unknown;
  requiredApprovals: number;
  approvingGroups: string[];
  ownerMayApprove: boolean;
  submittedApprovals: number | null;
  submittedOwnerMayApprove: boolean | null;
  rule: { id: string; name: string; distinctGroups: boolean } | null;
  actionTypeId: string;
  agent: { id: string; name: string; tags: string[]; ownerId: string | null; owner: { email: string } | null };
};

export type EditReevaluation = {
  verdict: ProposalVerdict;
  /** The rule the request was submitted under (its requirement as submitted). */
  submitted: RuleRequirement;
  /** The rule the edited payload matches now. */
  edit: RuleRequirement & { outcome: "allow" | "review"; reason: string };
  /**
   * Both at once: the higher quorum, the owner bar of either, and a reviewer must be eligible
   * under both rules (in one of `approvingGroups` when it has any, and in one of `editGroups`
   * when it has any).
   */
  combined: {
    requiredApprovals: number;
    approvingGroups: string[];
    editGroups: string[];
    ownerMayApprove: boolean;
    distinctGroups: boolean;
  };
  payloadHashes: { from: string; to: string };
};

/**
 * An edited payload is a new proposal: it goes through everything a submission goes through
 * (evaluateProposal). If a submission of it would be denied, auto-rejected or over budget, the
 * edit is refused (`edit_refused`, 422) and the caller writes nothing. Otherwise the request must
 * satisfy both the rule it was submitted under and the rule the edit matches. Writes nothing; used
 * by the decision service and by the page's preview alike.
 */
export async function reevaluateEdit(
  tx: Tx,
  input: { request: RequestToReevaluate; payload: unknown; payloadHash: string; now: Date },
): Promise<EditReevaluation> {
  const { request, payload, now } = input;
  // Loaded only for an edit: a plain approval needs neither the policy nor the budget.
  const actionType = await tx.actionType.findUniqueOrThrow({ where: { id: request.actionTypeId }, select: PROPOSAL_ACTION_TYPE_SELECT });
  const budgetRule = actionType.budgetField
    ? await tx.agentBudget.findUnique({ where: { agentId_actionTypeId: { agentId: request.agent.id, actionTypeId: actionType.id } } })
    : null;
  const verdict = await evaluateProposal(tx, {
    actionType,
    budgetRule,
    agent: { id: request.agent.id, name: request.agent.name, tags: request.agent.tags, owner: request.agent.owner?.email ?? null },
    payload,
    summary: request.summary,
    context: request.context,
    now,
    excludeRequestId: request.id,
  });
  const { policy, budget } = verdict;
  const autoRejected = actionType.autoRejectFlags.filter((f) => verdict.risk.flags.includes(f as RiskFlag));
  if (policy.outcome === "deny" || budget?.exceeded) {
    const check: EditRefusalCheck = autoRejected.length ? "risk_flag" : budget?.exceeded ? "budget" : "deny_rule";
    throw new AppError("edit_refused", `The edited payload would not get through a submission: ${policy.reason}`, {
      check,
      reason: policy.reason,
      rule: policy.ruleName,
      flags: verdict.risk.flags,
      ...(budget ? { budget: { spent: budget.spent, amount: budget.amount, limit: budget.limit, exceeded: budget.exceeded } } : {}),
    });
  }

  const submitted: RuleRequirement = {
    ruleId: request.rule?.id ?? null,
    ruleName: request.rule?.name ?? null,
    // After an earlier edit the row holds a combined requirement; the submission's own is kept aside.
    requiredApprovals: request.submittedApprovals ?? request.requiredApprovals,
    approvingGroups: request.approvingGroups,
    ownerMayApprove: request.submittedOwnerMayApprove ?? request.ownerMayApprove,
    distinctGroups: (request.rule?.distinctGroups ?? false) && request.approvingGroups.length > 0,
  };
  const matched = actionType.policy?.publishedVersion?.rules.find((r) => r.id === policy.ruleId);
  // An allow asks nothing more of the reviewers: the submitted rule's requirement stands alone.
  const edit: EditReevaluation["edit"] =
    policy.outcome === "allow"
      ? {
          ruleId: policy.ruleId,
          ruleName: policy.ruleName,
          outcome: "allow",
          reason: policy.reason,
          requiredApprovals: 0,
          approvingGroups: [],
          ownerMayApprove: true,
          distinctGroups: false,
        }
      : {
          ruleId: policy.ruleId,
          ruleName: policy.ruleName,
          outcome: "review",
          reason: policy.reason,
          requiredApprovals: policy.requiredApprovals,
          approvingGroups: policy.approvingGroups,
          ownerMayApprove: policy.ownerMayApprove,
          distinctGroups: (matched?.distinctGroups ?? false) && policy.approvingGroups.length > 0,
        };
  return {
    verdict,
    submitted,
    edit,
    combined: {
      requiredApprovals: Math.max(1, submitted.requiredApprovals, edit.requiredApprovals),
      approvingGroups: submitted.approvingGroups,
      editGroups: edit.approvingGroups,
      ownerMayApprove: submitted.ownerMayApprove && edit.ownerMayApprove,
      distinctGroups: submitted.distinctGroups || edit.distinctGroups,
    },
    payloadHashes: { from: request.payloadHash, to: input.payloadHash },
  };
}

/** Whether a reviewer (already eligible under the submitted rule) is eligible under the edit's rule. */
export function eligibleUnderEdit(reviewer: { id: string; groups: string[] }, edit: RuleRequirement, agentOwnerId: string | null): boolean {
  if (edit.approvingGroups.length > 0 && !edit.approvingGroups.some((g) => reviewer.groups.includes(g))) return false;
  return edit.ownerMayApprove || agentOwnerId !== reviewer.id;
}
