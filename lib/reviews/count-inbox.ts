import type { UserActor } from "@/lib/auth/actor.ts";
import { db } from "@/lib/server/db.ts";
import { loadReviewerFacts } from "@/lib/users/load-reviewer-facts.ts";
import { reviewableBy } from "./review-eligibility.ts";

/**
 * How many requests the inbox holds for this user, for the navigation badge: the pending
 * requests a reviewer may decide, or every pending request for the read-only roles (as listInbox).
 */
export async function countInbox(options: { actor: UserActor }): Promise<number> {
  const user = await loadReviewerFacts(db(), options.actor.userId);
  return db().approvalRequest.count({ where: user.role === "reviewer" ? reviewableBy(user) : { status: "pending" } });
}
