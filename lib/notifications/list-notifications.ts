import type { UserActor } from "@/lib/auth/actor.ts";
import { db } from "@/lib/server/db.ts";
import { loadReviewerFacts } from "@/lib/users/load-reviewer-facts.ts";

/** The signed-in user's own notifications, newest first, with the request's current state. */
export async function listNotifications(options: { actor: UserActor; limit?: number }) {
  await loadReviewerFacts(db(), options.actor.userId);
  const rows = await db().notification.findMany({
    where: { userId: options.actor.userId },
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 100,
    select: { id: true, kind: true, requestId: true, createdAt: true, readAt: true },
  });
  const requests = await db().approvalRequest.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.requestId))] } },
    select: { id: true, action: true, status: true, expiresAt: true, actionType: { select: { name: true } }, agent: { select: { name: true } } },
  });
  const byId = new Map(requests.map((r) => [r.id, r]));
  return rows.map((n) => {
    const r = byId.get(n.requestId);
    return { ...n, request: r ? { action: r.action, actionName: r.actionType.name, agentName: r.agent.name, status: r.status, expiresAt: r.expiresAt } : null };
  });
}

/** Unread notifications: the navigation badge. */
export async function countUnreadNotifications(options: { actor: UserActor }): Promise<number> {
  return db().notification.count({ where: { userId: options.actor.userId, readAt: null } });
}

/** Marks the user's notifications read (all of them, or the given ones). */
export async function markNotificationsRead(options: { actor: UserActor; ids?: string[] }): Promise<number> {
  const { count } = await db().notification.updateMany({
    where: { userId: options.actor.userId, readAt: null, ...(options.ids ? { id: { in: options.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return count;
}
