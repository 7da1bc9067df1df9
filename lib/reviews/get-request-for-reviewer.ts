import type { UserActor } from "@/lib/auth/actor.ts";
import { AppError } from "@/lib/errors.ts";
import { db } from "@/lib/server/db.ts";
import { loadReviewerFacts } from "@/lib/users/load-reviewer-facts.ts";
import { currentProposal } from "./current-proposal.ts";
import { reviewIneligibility } from "./review-eligibility.ts";

const WHY_NOT = {
  disabled: "Your account is disabled.",
  role: "Your role can read requests but not decide them.",
  not_pending: "This request is already decided.",
  group: "You are not in a group that may approve this request.",
  owner: "You own this agent, and this policy bars owners from approving its requests.",
} as const;

/**
 * Everything the request page shows. Platform facts (from Countersign) and agent-written text
 * are kept apart in the shape itself, so the page cannot blur them.
 */
export async function getRequestForReviewer(options: { actor: UserActor; requestId: string }) {
  const user = await loadReviewerFacts(db(), options.actor.userId);
  const r = await db().approvalRequest.findUnique({
    where: { id: options.requestId },
    include: {
      actionType: { select: { key: true, name: true, riskLevel: true, allowEdit: true } },
      agent: { select: { name: true, ownerId: true, owner: { select: { email: true } } } },
      rule: { select: { name: true, distinctGroups: true } },
      policyVersion: { select: { version: true } },
      reviews: {
        orderBy: { createdAt: "asc" },
        select: { reviewerId: true, outcome: true, comment: true, payloadHash: true, editedPayload: true, groupName: true, createdAt: true, reviewer: { select: { name: true } } },
      },
    },
  });
  if (!r) throw new AppError("not_found", "Request not found");
  const proposal = currentProposal(r, { distinctGroups: (r.rule?.distinctGroups ?? false) && r.approvingGroups.length > 0 });
  const why = reviewIneligibility(user, { ...r, agentOwnerId: r.agent.ownerId });
  const alreadyReviewed = r.reviews.some((v) => v.reviewerId === user.id);
  return {
    id: r.id,
    status: r.status,
    platform: {
      action: r.action,
      actionName: r.actionType.name,
      riskLevel: r.actionType.riskLevel,
      allowEdit: r.actionType.allowEdit,
      agentName: r.agent.name,
      agentOwner: r.agent.owner?.email ?? null,
      ruleName: r.rule?.name ?? null,
      policyVersion: r.policyVersion?.version ?? null,
      policyReason: r.policyReason,
      approvingGroups: r.approvingGroups,
      distinctGroups: r.rule?.distinctGroups ?? false,
      approvals: proposal.approvals,
      requiredApprovals: r.requiredApprovals,
      reviews: r.reviews.map((v) => ({ reviewer: v.reviewer.name, outcome: v.outcome, comment: v.comment, edited: v.editedPayload !== null, at: v.createdAt })),
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      payloadHash: r.payloadHash,
      decision: r.decisionBy && r.decidedAt ? { by: r.decisionBy, comment: r.decisionComment, at: r.decidedAt } : null,
    },
    agentWritten: { summary: r.summary, reasoning: r.reasoning, context: r.context },
    payload: proposal.payload,
    approvedPayload: r.status === "approved" ? r.approvedPayload : null,
    proposalHash: proposal.hash,
    canDecide: why === null && !alreadyReviewed,
    cannotDecideReason: why ? WHY_NOT[why] : alreadyReviewed ? "You already reviewed this request." : null,
  };
}

export type ReviewerRequestView = Awaited<ReturnType<typeof getRequestForReviewer>>;
