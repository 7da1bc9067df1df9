import type { Prisma } from "@/lib/platform/db.ts";
import type { Role } from "@/lib/platform/prisma/enums.ts";

/** The facts about a reviewer that decide what they may review (always read fresh from the DB). */
export type ReviewerFacts = { id: string; role: Role; disabledAt: Date | null; groups: string[] };

/** The facts about a request that decide who may review it. */
export type ReviewableFacts = {
  status: string;
  approvingGroups: string[];
  /** After an edit, the groups of the rule the edited payload matched: one of these is needed too. */
  editGroups?: string[];
  ownerMayApprove: boolean;
  agentOwnerId: string | null;
};

export type Ineligibility = "disabled" | "role" | "not_pending" | "group" | "owner";

/**
 * Why this user may not review this request, or null if they may. Only the reviewer role decides:
 * admins write policy and auditors read, so neither can approve what they configure or inspect.
 */
export function reviewIneligibility(user: ReviewerFacts, request: ReviewableFacts): Ineligibility | null {
  if (user.disabledAt) return "disabled";
  if (user.role !== "reviewer") return "role";
  if (request.status !== "pending") return "not_pending";
  if (request.approvingGroups.length > 0 && !request.approvingGroups.some((g) => user.groups.includes(g))) return "group";
  if (request.editGroups?.length && !request.editGroups.some((g) => user.groups.includes(g))) return "group";
  if (!request.ownerMayApprove && request.agentOwnerId === user.id) return "owner";
  return null;
}

/** The same rule as a Prisma filter, for listing the pending requests a reviewer may decide. */
export function reviewableBy(user: ReviewerFacts): Prisma.ApprovalRequestWhereInput {
  if (user.disabledAt || user.role !== "reviewer") return { id: { in: [] } };
  return {
    status: "pending",
    OR: [{ approvingGroups: { isEmpty: true } }, { approvingGroups: { hasSome: user.groups } }],
    AND: [
      { OR: [{ ownerMayApprove: true }, { agent: { ownerId: null } }, { agent: { ownerId: { not: user.id } } }] },
      { OR: [{ editGroups: { isEmpty: true } }, { editGroups: { hasSome: user.groups } }] },
    ],
    reviews: { none: { reviewerId: user.id } },
  };
}
