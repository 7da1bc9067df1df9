import type { Actor } from "@/lib/auth/actor.ts";
import { AppError } from "@/lib/errors.ts";
import { db } from "@/lib/server/db.ts";
import { loadReviewerFacts } from "@/lib/users/load-reviewer-facts.ts";

/**
 * The whole audit trail (admin changes included) is for admins and auditors; reviewers see each
 * request's own events on its page. The role is read from the database now.
 */
export async function requireAuditReader(actor: Actor): Promise<void> {
  if (actor.kind === "cli" || actor.kind === "system") return;
  if (actor.kind === "user") {
    const { role } = await loadReviewerFacts(db(), actor.userId);
    if (role === "admin" || role === "auditor") return;
  }
  throw new AppError("forbidden", "Only admins and auditors may read the audit trail");
}
