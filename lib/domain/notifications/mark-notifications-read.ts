import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { db } from "@/lib/platform/db.ts";

/** Marks the user's notifications read (all of them, or the given ones). */
export async function markNotificationsRead(options: { actor: UserActor; ids?: string[] }): Promise<number> {
  const { count } = await db().notification.updateMany({
    where: { userId: options.actor.userId, readAt: null, ...(options.ids ? { id: { in: options.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return count;
}
