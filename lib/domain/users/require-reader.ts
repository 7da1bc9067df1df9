import type { Actor } from "@/lib/domain/auth/actor.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import type { Tx } from "@/lib/platform/db.ts";
import { loadReviewerFacts } from "./load-reviewer-facts.ts";

/**
 * Reading configuration or the whole audit trail: operators, the system, admins and auditors
 * (role read from the DB now). Reviewers see each request's own events on its page.
 */
export async function requireReader(tx: Tx, actor: Actor, what = "the configuration"): Promise<void> {
  if (actor.kind === "cli" || actor.kind === "system") return;
  if (actor.kind === "user") {
    const { role } = await loadReviewerFacts(tx, actor.userId);
    if (role === "admin" || role === "auditor") return;
  }
  throw new AppError("forbidden", `Only admins and auditors may read ${what}`);
}
