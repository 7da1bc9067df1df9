import type { UserActor } from "@/lib/auth/actor.ts";
import { db, type Prisma } from "@/lib/server/db.ts";
import type { RiskLevel } from "@/lib/server/prisma/enums.ts";
import { loadReviewerFacts } from "@/lib/users/load-reviewer-facts.ts";
import { reviewableBy, type ReviewerFacts } from "./review-eligibility.ts";

export type InboxItem = {
  id: string;
  action: string;
  actionName: string;
  riskLevel: RiskLevel;
  agentName: string;
  summary: string | null;
  approvals: number;
  requiredApprovals: number;
  createdAt: Date;
  expiresAt: Date;
};

/** Reviewers see what they may decide; admins and auditors, who never decide, see every pending request. */
export function inboxFilter(user: ReviewerFacts): Prisma.ApprovalRequestWhereInput {
  return user.role === "reviewer" ? reviewableBy(user) : { status: "pending" };
}

export type Inbox = { mode: "decide" | "read_only"; items: InboxItem[] };

/**
 * Pending requests, soonest to expire first. Reviewers see those they may decide; admins and
 * auditors, who never decide, see every pending request read-only.
 */
export async function listInbox(options: { actor: UserActor; limit?: number }): Promise<Inbox> {
  const user = await loadReviewerFacts(db(), options.actor.userId);
  const mode = user.role === "reviewer" ? "decide" : "read_only";
  const rows = await db().approvalRequest.findMany({
    where: inboxFilter(user),
    orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
    take: options.limit ?? 200,
    select: {
      id: true, action: true, summary: true, approvals: true, requiredApprovals: true, createdAt: true, expiresAt: true,
      actionType: { select: { name: true, riskLevel: true } },
      agent: { select: { name: true } },
    },
  });
  return {
    mode,
    items: rows.map((r) => ({
      id: r.id, action: r.action, actionName: r.actionType.name, riskLevel: r.actionType.riskLevel, agentName: r.agent.name,
      summary: r.summary, approvals: r.approvals, requiredApprovals: r.requiredApprovals, createdAt: r.createdAt, expiresAt: r.expiresAt,
    })),
  };
}
