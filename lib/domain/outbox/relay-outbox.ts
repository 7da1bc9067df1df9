import { enqueueJobs, jobToAdd, queuesReady } from "@/lib/platform/jobs/enqueue-jobs.ts";
import { db } from "@/lib/platform/db.ts";
import { dispatchOutboxJob } from "./outbox-jobs.ts";

const BATCH = 500;

/**
 * Moves committed outbox rows to BullMQ as `outbox.dispatch` jobs whose job id is the outbox id,
 * so a row relayed twice is queued once. Rows are claimed with SKIP LOCKED (several worker
 * replicas share the work) and marked `queued` in the same transaction as the add: if Redis is
 * down the add fails, the transaction rolls back, and the rows wait for the next pass.
 * Returns how many rows were relayed.
 */
export async function relayOutboxBatch(): Promise<number> {
  if (!queuesReady()) return 0;
  return db().$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM outbox_events WHERE state = 'pending'
      ORDER BY "createdAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return 0;
      await enqueueJobs(rows.map((r) => jobToAdd(dispatchOutboxJob, { outboxId: r.id }, { jobId: r.id })));
      await tx.outboxEvent.updateMany({
        where: { id: { in: rows.map((r) => r.id) } },
        data: { state: "queued", queuedAt: new Date(), attempts: { increment: 1 } },
      });
      return rows.length;
    },
    { timeout: 15_000 },
  );
}
