import { db } from "@/lib/platform/db.ts";
import { isWebhookEvent } from "./webhook-events.ts";

/**
 * Turns a decision event into a delivery for the agent's endpoint (when it has an enabled one
 * subscribed to the event) and returns the attempt to make next, if any. Idempotent: the delivery
 * is unique per (endpoint, event), so a dispatch that runs twice finds the same delivery, and the
 * attempt's claim on its row (deliverWebhook) keeps it from being sent twice.
 */
export async function createWebhookDeliveries(event: {
  id: string;
  type: string;
  data: unknown;
}): Promise<{ deliveryId: string; attempt: number }[]> {
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
  return delivery.state === "pending" ? [{ deliveryId: delivery.id, attempt: delivery.attempts + 1 }] : [];
}
