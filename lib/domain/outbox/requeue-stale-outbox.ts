import { queue } from "@/lib/platform/jobs/enqueue-jobs.ts";
import { QUEUES } from "@/lib/platform/jobs/queues.ts";
import { db } from "@/lib/platform/db.ts";
import { env } from "@/lib/platform/env.ts";
import { logger } from "@/lib/platform/logger.ts";
import { OUTBOX_CHANNEL } from "./enqueue-outbox-event.ts";

const log = logger.child({ component: "outbox-requeue" });
const BATCH = 500;
// States in which a dispatch job is still on its way (BullMQ retries wait as `delayed`), or done
// (`completed`: its handler is marking the row done).
const LEAVE = new Set(["waiting", "waiting-children", "prioritized", "delayed", "active", "completed"]);

/**
 * The safety net behind the relay: an outbox row stays `queued` until its `outbox.dispatch` job
 * marks it done, so a row queued for longer than OUTBOX_REQUEUE_AFTER_MS whose job is gone (Redis
 * lost data: no persistence, the last second of AOF, a failover) or failed for good goes back to
 * `pending`, and the relay queues it again under the same job id (a failed job is removed first:
 * BullMQ ignores an add whose id it still holds). Dispatch is idempotent, so a job that was only
 * slow does no harm. After OUTBOX_MAX_RELAYS relays a row is marked `failed` and logged instead.
 */
export async function requeueStaleOutbox(now = new Date()): Promise<{ requeued: number; failed: number }> {
  const { OUTBOX_REQUEUE_AFTER_MS, OUTBOX_MAX_RELAYS } = env();
  return db().$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; attempts: number }[]>`
      SELECT id, attempts FROM outbox_events
      WHERE state = 'queued' AND "queuedAt" < ${new Date(now.getTime() - OUTBOX_REQUEUE_AFTER_MS)}
      ORDER BY "queuedAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
      const requeue: string[] = [];
      const failed: string[] = [];
      for (const row of rows) {
        const job = await queue(QUEUES.delivery).getJob(row.id);
        const state = job ? await job.getState() : "missing";
        if (LEAVE.has(state)) continue;
        if (job) await job.remove();
        (row.attempts >= OUTBOX_MAX_RELAYS ? failed : requeue).push(row.id);
      }
      if (requeue.length) {
        await tx.outboxEvent.updateMany({ where: { id: { in: requeue } }, data: { state: "pending" } });
        await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`;
      }
      if (failed.length) {
        await tx.outboxEvent.updateMany({ where: { id: { in: failed } }, data: { state: "failed" } });
        log.error({ ids: failed }, "outbox events failed after the maximum number of relays; they will not be sent");
      }
      if (requeue.length) log.warn({ count: requeue.length }, "outbox events whose dispatch job was lost go out again");
      return { requeued: requeue.length, failed: failed.length };
    },
    { timeout: 30_000 },
  );
}
