import type { UserActor } from "@/lib/auth/actor.ts";
import { db } from "@/lib/server/db.ts";
import { loadReviewerFacts } from "@/lib/users/load-reviewer-facts.ts";
import { inboxFilter } from "./list-inbox.ts";

/**
 * How many requests the inbox holds for this user, for the navigation badge: the
 * same requests listInbox shows.
 */
export async function countInbox(options: { actor: UserActor }): Promise<number> {
  const user = await loadReviewerFacts(db(), options.actor.userId);
  return db().approvalRequest.count({ where: inboxFilter(user) });
}
