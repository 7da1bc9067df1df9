import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { db } from "@/lib/platform/db.ts";
import { loadReviewerFacts } from "@/lib/domain/users/load-reviewer-facts.ts";

/** The signed-in user's own notifications, newest first, with the request's or agent's current state. */
export async function listNotifications(options: { actor: UserActor; limit?: number }) {
  await loadReviewerFacts(db(), options.actor.userId);
  const rows = await db().notification.findMany({
    where: { userId: options.actor.userId },
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 100,
    select: { id: true, kind: true, requestId: true, agentId: true, createdAt: true, readAt: true },
  });
  const ids = (key: "requestId" | "agentId") => [...new Set(rows.map((r) => r[key]).filter((id): id is string => id !== null))];
  const [requests, agents] = await Promise.all([
    db().approvalRequest.findMany({
      where: { id: { in: ids("requestId") } },
      select: {
        id: true,
        action: true,
        status: true,
        expiresAt: true,
        actionType: { select: { name: true } },
        agent: { select: { name: true } },
      },
    }),
    db().agent.findMany({ where: { id: { in: ids("agentId") } }, select: { id: true, name: true, status: true } }),
  ]);
  const requestById = new Map(requests.map((r) => [r.id, r]));
  const agentById = new Map(agents.map((a) => [a.id, a]));
  return rows.map((n) => {
    const r = n.requestId ? requestById.get(n.requestId) : undefined;
    const a = n.agentId ? agentById.get(n.agentId) : undefined;
    return {
      ...n,
      request: r
        ? { action: r.action, actionName: r.actionType.name, agentName: r.agent.name, status: r.status, expiresAt: r.expiresAt }
        : null,
      agent: a ? { name: a.name, status: a.status } : null,
    };
  });
}
