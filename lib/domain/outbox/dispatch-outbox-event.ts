import { enqueueJobs, type JobToAdd } from "@/lib/platform/jobs/enqueue-jobs.ts";
import { notifyAdmins } from "@/lib/domain/notifications/notify-admins.ts";
import { findReviewersToNotify } from "@/lib/domain/notifications/find-reviewers-to-notify.ts";
import { notifyReviewers } from "@/lib/domain/notifications/notify-reviewers.ts";
import { publishRequestChange } from "@/lib/domain/requests/request-change-feed.ts";
import { requestTimerJobs } from "@/lib/domain/requests/request-timers.ts";
import { db } from "@/lib/platform/db.ts";
import { createWebhookDeliveries } from "@/lib/domain/webhooks/create-webhook-deliveries.ts";
import { deliverWebhook } from "@/lib/domain/webhooks/deliver-webhook.ts";
import { webhookDeliveryJob } from "@/lib/domain/webhooks/webhook-jobs.ts";

/** What one outbox event sets in motion; each step is idempotent (unique rows, fixed job ids). */
async function consequences(event: { id: string; type: string; data: unknown }): Promise<JobToAdd[]> {
  const data = event.data as { requestId?: string; deliveryId?: string; agentId?: string };
  switch (event.type) {
    case "request.created":
    case "request.escalated": {
      // One read for both: null once the request is no longer pending.
      const found = data.requestId ? await findReviewersToNotify(data.requestId) : null;
      if (!found) return [];
      const kind = event.type === "request.created" ? "request.pending" : "request.escalated";
      return [...requestTimerJobs(found.request), ...(await notifyReviewers(found, kind))];
    }
    case "agent.breaker_tripped":
      return data.agentId ? notifyAdmins({ eventId: event.id, kind: "agent.breaker_tripped", agentId: data.agentId }) : [];
    case "webhook.redeliver": {
      const delivery = data.deliveryId ? await db().webhookDelivery.findUnique({ where: { id: data.deliveryId } }) : null;
      return delivery?.state === "pending" ? [webhookDeliveryJob(delivery.id, delivery.attempts + 1)] : [];
    }
    default: {
      // A decision's webhook attempt goes out here, one queue hop sooner than as a job of its own
      // (later attempts are jobs, which deliverWebhook schedules).
      for (const { deliveryId, attempt } of await createWebhookDeliveries(event)) await deliverWebhook(deliveryId, attempt);
      return [];
    }
  }
}

/**
 * The `outbox.dispatch` job: fans one committed event out into deliveries, notifications and
 * timers, makes a decision's webhook attempt, queues the other jobs, then marks the row done.
 * Running it twice is harmless.
 */
export async function dispatchOutboxEvent(outboxId: string): Promise<{ jobs: number }> {
  const event = await db().outboxEvent.findUnique({ where: { id: outboxId } });
  if (!event || event.state === "done") return { jobs: 0 };
  const jobs = await consequences(event);
  await enqueueJobs(jobs);
  await db().outboxEvent.update({ where: { id: outboxId }, data: { state: "done" } });
  // Reviewers' in-app notifications now exist: their badges (and, should the web instance's own
  // announcement have been lost, their inboxes) catch up at once rather than at the next resync.
  const requestId = (event.data as { requestId?: unknown }).requestId;
  if ((event.type === "request.created" || event.type === "request.escalated") && typeof requestId === "string")
    await publishRequestChange(requestId, "notified");
  return { jobs: jobs.length };
}
