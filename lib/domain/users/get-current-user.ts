import { db } from "@/lib/platform/db.ts";
import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { loadReviewerFacts } from "./load-reviewer-facts.ts";

/** The signed-in user as the dashboard shows them (role and groups fresh from the database). */
export async function getCurrentUser(options: { actor: UserActor }) {
  const { id, email, name, role, groups } = await loadReviewerFacts(db(), options.actor.userId);
  return { id, email, name, role, groups };
}
