import type { Actor } from "@/lib/domain/auth/actor.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import type { Tx } from "@/lib/platform/db.ts";
import { loadReviewerFacts } from "./load-reviewer-facts.ts";

/**
 * Admin changes are made by operators at the CLI, by the system, or by a user whose role — read
 * from the database now, not from the session — is admin.
 */
export async function requireAdmin(tx: Tx, actor: Actor): Promise<void> {
  if (actor.kind === "cli" || actor.kind === "system") return;
  if (actor.kind === "user" && (await loadReviewerFacts(tx, actor.userId)).role === "admin") return;
  throw new AppError("forbidden", "Only admins may change configuration");
}
