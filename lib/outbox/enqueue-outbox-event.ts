import type { Prisma, Tx } from "@/lib/server/db.ts";

/**
 * Records an event that must leave the system (webhook, notification) in the caller's
 * transaction; a relay in the worker process delivers it. Payload-free: ids and outcomes only.
 */
export async function enqueueOutboxEvent(
  tx: Tx,
  event: { type: string; aggregateId: string; data: Prisma.InputJsonValue },
): Promise<void> {
  await tx.outboxEvent.create({ data: event });
}
