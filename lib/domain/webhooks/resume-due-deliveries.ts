import { enqueueJobs } from "@/lib/platform/jobs/enqueue-jobs.ts";
import { db } from "@/lib/platform/db.ts";
import { webhookDeliveryJob } from "./webhook-jobs.ts";

/**
 * Safety net for Redis losing a delayed attempt or a worker dying mid-attempt: every pending
 * delivery whose next attempt is overdue is queued again (same job id, so a job still present is
 * not doubled, and the row claim in deliverWebhook stops a duplicate from sending twice).
 */
export async function resumeDueDeliveries(options: { graceMs?: number; limit?: number } = {}): Promise<number> {
  const due = await db().webhookDelivery.findMany({
    where: { state: "pending", nextAttemptAt: { lt: new Date(Date.now() - (options.graceMs ?? 2000)) }, endpoint: { disabledAt: null } },
    select: { id: true, attempts: true },
    orderBy: { nextAttemptAt: "asc" },
    take: options.limit ?? 1000,
  });
  await enqueueJobs(due.map((d) => webhookDeliveryJob(d.id, d.attempts + 1)));
  return due.length;
}
