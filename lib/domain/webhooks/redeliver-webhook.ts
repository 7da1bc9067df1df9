import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { enqueueOutboxEvent } from "@/lib/domain/outbox/enqueue-outbox-event.ts";
import { db } from "@/lib/platform/db.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";

/**
 * Sends a delivery again (one more attempt, same webhook-id so the receiver can deduplicate).
 * Goes through the outbox like every other delivery, so it works while Redis is down too.
 */
export async function redeliverWebhook(options: { actor: Actor; deliveryId: string }): Promise<{ deliveryId: string }> {
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    const delivery = await tx.webhookDelivery.findUnique({ where: { id: options.deliveryId }, include: { endpoint: true } });
    if (!delivery) throw new AppError("not_found", "Delivery not found");
    if (delivery.endpoint.disabledAt) throw new AppError("conflict", "The endpoint is disabled; save its URL again to enable it first");
    if (delivery.state === "pending" && delivery.nextAttemptAt > new Date())
      throw new AppError("conflict", "An attempt is already scheduled");
    await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { state: "pending", nextAttemptAt: new Date() } });
    await recordAuditEvent(tx, {
      type: "webhook.redelivered",
      actor: options.actor,
      subject: `agent:${delivery.endpoint.agentId}`,
      data: { deliveryId: delivery.id, eventType: delivery.eventType },
    });
    await enqueueOutboxEvent(tx, { type: "webhook.redeliver", aggregateId: delivery.id, data: { deliveryId: delivery.id } });
    return { deliveryId: delivery.id };
  });
}
