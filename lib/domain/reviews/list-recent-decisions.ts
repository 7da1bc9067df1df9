import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { db } from "@/lib/platform/db.ts";
import { loadReviewerFacts } from "@/lib/domain/users/load-reviewer-facts.ts";

export type RecentDecision = {
  id: string;
  status: string;
  by: string | null;
  decidedAt: Date;
  summary: string | null;
};

/**
 * The latest decided requests of the same agent and action type as this one (newest first,
 * `limit` at most 20): how this agent's similar requests went is context a reviewer can trust,
 * unlike the agent's account of itself. Index-backed: (agentId, actionTypeId, decidedAt).
 */
export async function listRecentDecisions(options: { actor: UserActor; requestId: string; limit?: number }): Promise<RecentDecision[]> {
  await loadReviewerFacts(db(), options.actor.userId);
  const request = await db().approvalRequest.findUnique({
    where: { id: options.requestId },
    select: { agentId: true, actionTypeId: true },
  });
  if (!request) return [];
  const rows = await db().approvalRequest.findMany({
    where: { agentId: request.agentId, actionTypeId: request.actionTypeId, decidedAt: { not: null }, id: { not: options.requestId } },
    orderBy: { decidedAt: "desc" },
    take: Math.min(options.limit ?? 8, 20),
    select: { id: true, status: true, decisionBy: true, decidedAt: true, summary: true },
  });
  return rows.map((r) => ({ id: r.id, status: r.status, by: r.decisionBy, decidedAt: r.decidedAt!, summary: r.summary }));
}
