import { db } from "@/lib/server/db.ts";
import { isWebhookEvent } from "./webhook-events.ts";
import { webhookDeliveryJob } from "./webhook-delivery-job.ts";
import type { JobToAdd } from "@/lib/jobs/enqueue-jobs.ts";

/**
 * Turns a decision event into a delivery for the agent's endpoint (when it has an enabled one
 * subscribed to the event) and returns the job for its next attempt. Idempotent: the delivery is
 * unique per (endpoint, event), so a dispatch that runs twice queues the same attempt again,
 * which BullMQ ignores.
 */
export async function createWebhookDeliveries(event: { id: string; type: string; data: unknown }): Promise<JobToAdd[]> {
  if (!isWebhookEvent(event.type)) return [];
  const { agentId, requestId } = event.data as { agentId?: string; requestId?: string };
  if (!agentId) return [];
  const endpoint = await db().webhookEndpoint.findUnique({ where: { agentId } });
  if (!endpoint || endpoint.disabledAt || !endpoint.events.includes(event.type)) return [];
  const delivery = await db().webhookDelivery.upsert({
    where: { endpointId_outboxEventId: { endpointId: endpoint.id, outboxEventId: event.id } },
    create: { endpointId: endpoint.id, outboxEventId: event.id, eventType: event.type, requestId: requestId ?? null },
    update: {},
  });
  return delivery.state === "pending" ? [webhookDeliveryJob(delivery.id, delivery.attempts + 1)] : [];
}
