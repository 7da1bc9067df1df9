import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { RISK_FLAGS, isRiskFlag, type RiskFlag } from "@/lib/domain/inspection/risk-flags.ts";
import { payloadHash } from "@/lib/kernel/json/canonical-json.ts";
import { openEditedPayload, openRequestContent } from "@/lib/domain/requests/sealed-request.ts";
import { db } from "@/lib/platform/db.ts";
import { loadReviewerFacts } from "@/lib/domain/users/load-reviewer-facts.ts";
import { currentProposal, distinctGroupsOf } from "./current-proposal.ts";
import { reviewIneligibility, type Ineligibility } from "./review-eligibility.ts";

const WHY_NOT: Record<Ineligibility | "reviewed", string> = {
  disabled: "Your account is disabled.",
  role: "Read-only: your role can see requests, but only reviewers decide them.",
  not_pending: "This request is already decided.",
  group: "You are not in a group that may approve this request.",
  owner: "You own this agent, and this policy bars owners from deciding its requests.",
  reviewed: "You already reviewed this request.",
};

/**
 * Everything the request page shows, for any signed-in reviewer, admin or auditor (all may read
 * every request). Platform facts (computed by Countersign) and agent-written text are kept apart
 * in the shape itself, so the page cannot blur them. `payloadHash` is the hash of what a reviewer
 * is asked to approve now — the agent's payload, or a reviewer's later edit of it.
 */
export async function getRequestForReviewer(options: { actor: UserActor; requestId: string }) {
  const user = await loadReviewerFacts(db(), options.actor.userId);
  const stored = await db().approvalRequest.findUnique({
    where: { id: options.requestId },
    include: {
      actionType: { select: { key: true, name: true, riskLevel: true, allowEdit: true, payloadSchema: true } },
      agent: { select: { name: true, ownerId: true, owner: { select: { email: true } } } },
      rule: {
        select: { name: true, distinctGroups: true, rejectNeedsComment: true, onTimeout: true, escalateToGroups: true, allowEdit: true },
      },
      policyVersion: { select: { version: true } },
      reviews: {
        orderBy: { createdAt: "asc" },
        select: {
          reviewerId: true,
          outcome: true,
          comment: true,
          payloadHash: true,
          editedPayload: true,
          groupName: true,
          counted: true,
          createdAt: true,
          reviewer: { select: { name: true, email: true } },
        },
      },
    },
  });
  if (!stored) throw new AppError("not_found", "Request not found");
  const r = { ...openRequestContent(stored), reviews: stored.reviews.map((v) => openEditedPayload(stored, v)) };

  const proposal = currentProposal(r, { distinctGroups: distinctGroupsOf(r) !== null });
  const editAt = r.reviews.findLastIndex((v) => v.outcome === "approve" && v.editedPayload !== null);
  const lastEdit = editAt >= 0 ? r.reviews[editAt] : undefined;
  const why = reviewIneligibility(user, { ...r, agentOwnerId: r.agent.ownerId });
  const reason = why ?? (r.reviews.some((v) => v.reviewerId === user.id) ? "reviewed" : null);

  return {
    id: r.id,
    status: r.status,
    platform: {
      action: r.action,
      actionName: r.actionType.name,
      riskLevel: r.actionType.riskLevel,
      allowEdit: r.rule?.allowEdit ?? r.actionType.allowEdit,
      agentName: r.agent.name,
      agentOwner: r.agent.owner?.email ?? null,
      ruleName: r.rule?.name ?? null,
      policyVersion: r.policyVersion?.version ?? null,
      policyReason: r.policyReason,
      onTimeout: r.rule?.onTimeout ?? "reject",
      escalateToGroups: r.rule?.escalateToGroups ?? [],
      approvingGroups: r.approvingGroups,
      distinctGroups: distinctGroupsOf(r) !== null,
      /** Set once a reviewer's edit was re-evaluated: the rule the edited payload matched, and its groups (needed too). */
      editRuleName: r.editRuleId || r.editRuleName ? (r.editRuleName ?? "no rule matched") : null,
      editGroups: r.editGroups,
      reevaluated: r.submittedApprovals !== null,
      ownerMayApprove: r.ownerMayApprove,
      approvals: proposal.approvals,
      requiredApprovals: r.requiredApprovals,
      reviews: r.reviews.map((v, i) => ({
        reviewer: v.reviewer.name,
        reviewerEmail: v.reviewer.email,
        outcome: v.outcome,
        comment: v.comment,
        edited: v.editedPayload !== null,
        // An approval counts only for the payload currently proposed: an edit starts the count anew.
        forEarlierPayload: v.outcome === "approve" && (v.payloadHash !== proposal.hash || i < editAt),
        // Recorded but not counted: the editor was not eligible under the edited payload's rule.
        notCounted: v.outcome === "approve" && !v.counted,
        group: v.groupName,
        at: v.createdAt,
      })),
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      escalatedAt: r.escalatedAt,
      purgedAt: r.purgedAt,
      originalPayloadHash: r.payloadHash,
      decision:
        r.decisionBy && r.decidedAt
          ? {
              outcome: r.status,
              by: r.decisionBy,
              comment: r.decisionComment,
              reviewers:
                r.decisionBy === "reviewers"
                  ? r.reviews
                      .filter((v) => v.outcome === (r.status === "approved" ? "approve" : "reject") && v.counted)
                      .map((v) => v.reviewer.name)
                  : [],
              at: r.decidedAt,
            }
          : null,
      execution: r.executionStatus ? { status: r.executionStatus, at: r.executedAt } : null,
    },
    /**
     * Platform findings from the argument inspection (never from the agent): each flag with its
     * catalogue title and where it was found, and the score derived from the catalogue weights.
     */
    risk: riskOf(r),
    agentWritten: { summary: r.summary, reasoning: r.reasoning, context: r.context, executionError: r.executionError },
    /** What reviewers are asked to approve now. */
    payload: proposal.payload,
    payloadHash: proposal.hash,
    /** The agent's own payload when a reviewer has edited it since, else null. */
    originalPayload: lastEdit ? r.payload : null,
    editedBy: lastEdit?.reviewer.name ?? null,
    approvedPayload: r.status === "approved" ? r.approvedPayload : null,
    /** The hash of exactly what the agent was told it may execute. */
    approvedPayloadHash: r.status === "approved" ? payloadHash(r.approvedPayload ?? null) : null,
    /** The action type's schema, for the editor's in-browser check (the decision service re-checks). */
    payloadSchema: reason === null && (r.rule?.allowEdit ?? r.actionType.allowEdit) ? r.actionType.payloadSchema : null,
    rejectNeedsComment: r.rule?.rejectNeedsComment ?? true,
    canDecide: reason === null,
    cannotDecideReason: reason ? WHY_NOT[reason] : null,
  };
}

function riskOf(r: { riskFlags: string[]; riskScore: number; riskFindings: unknown }) {
  const findings = Array.isArray(r.riskFindings) ? (r.riskFindings as { flag: string; path: string }[]) : [];
  const flags = r.riskFlags.filter(isRiskFlag).map((flag: RiskFlag) => ({
    flag,
    title: RISK_FLAGS[flag].title,
    description: RISK_FLAGS[flag].description,
    paths: findings.filter((f) => f.flag === flag).map((f) => f.path),
  }));
  return { flags, score: r.riskScore };
}

export type ReviewerRequestView = Awaited<ReturnType<typeof getRequestForReviewer>>;
