import { reviewIneligibility } from "@/lib/domain/reviews/review-eligibility.ts";
import { db } from "@/lib/platform/db.ts";

export type RequestToAnnounce = {
  id: string;
  action: string;
  actionName: string;
  riskLevel: string;
  agentName: string;
  createdAt: Date;
  expiresAt: Date;
  approvingGroups: string[];
};
export type ReviewersToNotify = { request: RequestToAnnounce; reviewers: ReviewerToNotify[] };
export type ReviewerToNotify = { id: string; email: string; name: string; notifyByEmail: boolean };

/**
 * Who should hear that a request waits: the reviewers who may decide it now (same rule as the
 * decision itself: role, groups, owner bar) and have not reviewed it yet. Null when the request is
 * no longer pending.
 */
export async function findReviewersToNotify(requestId: string): Promise<ReviewersToNotify | null> {
  const request = await db().approvalRequest.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      action: true,
      status: true,
      createdAt: true,
      expiresAt: true,
      approvingGroups: true,
      editGroups: true,
      ownerMayApprove: true,
      actionType: { select: { name: true, riskLevel: true } },
      agent: { select: { name: true, ownerId: true } },
      reviews: { select: { reviewerId: true } },
    },
  });
  if (!request || request.status !== "pending") return null;
  const reviewed = new Set(request.reviews.map((r) => r.reviewerId));
  const candidates = await db().user.findMany({
    where: {
      role: "reviewer",
      disabledAt: null,
      ...(request.approvingGroups.length ? { groups: { some: { group: { name: { in: request.approvingGroups } } } } } : {}),
    },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      notifyByEmail: true,
      groups: { select: { group: { select: { name: true } } } },
    },
  });
  const facts = {
    status: request.status,
    approvingGroups: request.approvingGroups,
    editGroups: request.editGroups,
    ownerMayApprove: request.ownerMayApprove,
    agentOwnerId: request.agent.ownerId,
  };
  const reviewers = candidates
    .filter((u) => !reviewed.has(u.id) && reviewIneligibility({ ...u, groups: u.groups.map((g) => g.group.name) }, facts) === null)
    .map(({ id, email, name, notifyByEmail }) => ({ id, email, name, notifyByEmail }));
  return {
    request: {
      id: request.id,
      action: request.action,
      actionName: request.actionType.name,
      riskLevel: request.actionType.riskLevel,
      agentName: request.agent.name,
      createdAt: request.createdAt,
      expiresAt: request.expiresAt,
      approvingGroups: request.approvingGroups,
    },
    reviewers,
  };
}
