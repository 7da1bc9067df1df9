import { z } from "zod";
import { defineJob } from "@/lib/platform/jobs/define-job.ts";
import { jobToAdd, type JobToAdd } from "@/lib/platform/jobs/enqueue-jobs.ts";
import { QUEUES } from "@/lib/platform/jobs/queues.ts";
import { deliverWebhook } from "./deliver-webhook.ts";
import { resumeDueDeliveries } from "./resume-due-deliveries.ts";

export const deliverWebhookJob = defineJob({
  name: "webhook.deliver",
  queue: QUEUES.delivery,
  schema: z.object({ deliveryId: z.uuid(), attempt: z.number().int().min(1) }).strict(),
  options: { removeOnFail: true },
  handle: ({ deliveryId, attempt }) => deliverWebhook(deliveryId, attempt),
});

/** The sweep that queues attempts whose time has come and whose job Redis lost. */
export const resumeDueDeliveriesJob = defineJob({
  name: "webhooks.resume-due",
  queue: QUEUES.maintenance,
  schema: z.object({}).strict(),
  every: (config) => config.DELIVERY_SWEEP_INTERVAL_MS,
  handle: async () => ({ resumed: await resumeDueDeliveries() }),
});

/**
 * The job for one attempt at one delivery. The id names the attempt, so re-adding the same attempt
 * (the sweep, a retried dispatch) is a no-op while it is queued, and the handler's claim on the row
 * makes a late duplicate harmless.
 */
export function webhookDeliveryJob(deliveryId: string, attempt: number, delayMs = 0): JobToAdd {
  return jobToAdd(
    deliverWebhookJob,
    { deliveryId, attempt },
    { jobId: `wh-${deliveryId}-${attempt}`, delay: Math.max(0, Math.round(delayMs)) },
  );
}
