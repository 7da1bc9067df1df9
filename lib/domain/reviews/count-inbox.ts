import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { db } from "@/lib/platform/db.ts";
import { loadReviewerFacts } from "@/lib/domain/users/load-reviewer-facts.ts";
import { countCapped, inboxFilter } from "./list-inbox.ts";

/**
 * How many requests the inbox holds for this user, for the navigation badge: the same requests
 * listInbox shows, counted up to COUNT_CAP + 1 (the badge says "999+" long before that), so the
 * count costs the same with 100 or 100,000 pending requests.
 */
export async function countInbox(options: { actor: UserActor }): Promise<number> {
  const user = await loadReviewerFacts(db(), options.actor.userId);
  return countCapped(inboxFilter(user));
}
