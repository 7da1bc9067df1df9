import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { db } from "@/lib/platform/db.ts";

/** Unread notifications: the navigation badge. */
export async function countUnreadNotifications(options: { actor: UserActor }): Promise<number> {
  return db().notification.count({ where: { userId: options.actor.userId, readAt: null } });
}
