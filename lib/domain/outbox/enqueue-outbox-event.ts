import type { Prisma, Tx } from "@/lib/platform/db.ts";

/** The Postgres NOTIFY channel the relay listens on; the notification is sent at commit. */
export const OUTBOX_CHANNEL = "countersign_outbox";

/**
 * Records an event that must leave the system (webhook, notification, timer) in the caller's
 * transaction; the relay in the worker process moves it to BullMQ once the transaction commits.
 * Payload-free: ids and outcomes only.
 */
export async function enqueueOutboxEvent(tx: Tx, event: { type: string; aggregateId: string; data: Prisma.InputJsonValue }): Promise<void> {
  await tx.outboxEvent.create({ data: event });
  // Wakes the relay at once instead of at its next poll; delivered only if the transaction commits.
  await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`;
}
