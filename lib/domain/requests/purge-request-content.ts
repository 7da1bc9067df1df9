import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import type { Actor } from "@/lib/domain/auth/actor.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { Prisma } from "@/lib/platform/prisma/client.ts";

/**
 * Retention: for requests decided more than `olderThanDays` ago, deletes what the agent sent and
 * what the execution returned — payload, approved payload, reasoning, context, execution output
 * and error, reviewers' edited payloads, and stored idempotent responses (which repeat the
 * payload). Kept: the payload hash, the decision, who decided, the summary, and every audit event
 * (which never held payload values), so the chain still verifies and the hash still proves what
 * was approved. Batched; returns how many requests were purged.
 */
export async function purgeRequestContent(options: {
  actor: Actor;
  olderThanDays: number;
  now?: Date;
  batchSize?: number;
}): Promise<{ purged: number }> {
  if (!Number.isInteger(options.olderThanDays) || options.olderThanDays < 0)
    throw new AppError("validation_error", "olderThanDays must be a whole number >= 0");
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.olderThanDays * 86_400_000);
  const batchSize = options.batchSize ?? 1000;
  let purged = 0;
  for (;;) {
    const count = await db().$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM approval_requests
        WHERE "purgedAt" IS NULL AND status <> 'pending' AND "decidedAt" < ${cutoff}
        ORDER BY "decidedAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => r.id);
      await tx.approvalRequest.updateMany({
        where: { id: { in: ids } },
        data: {
          payload: Prisma.DbNull,
          approvedPayload: Prisma.DbNull,
          context: Prisma.DbNull,
          executionOutput: Prisma.DbNull,
          reasoning: null,
          executionError: null,
          purgedAt: new Date(),
        },
      });
      await tx.review.updateMany({ where: { requestId: { in: ids } }, data: { editedPayload: Prisma.DbNull } });
      await tx.idempotencyKey.deleteMany({ where: { requestId: { in: ids } } });
      await recordAuditEvent(tx, {
        type: "requests.purged",
        actor: options.actor,
        subject: "retention",
        data: { count: ids.length, decidedBefore: cutoff.toISOString() },
      });
      return ids.length;
    });
    purged += count;
    if (count < batchSize) return { purged };
  }
}
