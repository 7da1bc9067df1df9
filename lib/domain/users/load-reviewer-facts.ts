import { AppError } from "@/lib/kernel/errors.ts";
import type { Tx } from "@/lib/platform/db.ts";
import type { ReviewerFacts } from "@/lib/domain/reviews/review-eligibility.ts";

/**
 * Re-reads a signed-in user's role, disabled state and groups. Every service acting for a user
 * calls this, so a session issued before a demotion or a disable carries no stale rights.
 */
export async function loadReviewerFacts(tx: Tx, userId: string): Promise<ReviewerFacts & { email: string; name: string }> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, groups: { select: { group: { select: { name: true } } } } },
  });
  if (!user || user.disabledAt) throw new AppError("unauthorized", "Your session is no longer valid. Sign in again.");
  return { ...user, groups: user.groups.map((g) => g.group.name) };
}
