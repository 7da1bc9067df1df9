import type { JobToAdd } from "@/lib/platform/jobs/enqueue-jobs.ts";
import { QUEUES } from "@/lib/platform/jobs/queues.ts";

/**
 * The job for one attempt at one delivery. The id names the attempt, so re-adding the same attempt
 * (the sweep, a retried dispatch) is a no-op while it is queued, and the handler's claim on the row
 * makes a late duplicate harmless.
 */
export function webhookDeliveryJob(deliveryId: string, attempt: number, delayMs = 0): JobToAdd {
  return {
    queue: QUEUES.delivery,
    name: "webhook.deliver",
    data: { deliveryId, attempt },
    opts: { jobId: `wh-${deliveryId}-${attempt}`, delay: Math.max(0, Math.round(delayMs)), removeOnFail: true },
  };
}
