import type { Tx } from "@/lib/platform/db.ts";

/**
 * Serialises configuration changes (config:apply, policy publishes) for the rest of the caller's
 * transaction. Two applies of one new file at once would otherwise both create the same action
 * type or both take the next policy version number, and one would fail on a unique constraint
 * instead of finding the other's result. Configuration changes are rare; waiting costs nothing.
 */
export async function lockConfiguration(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('countersign.configuration'))`;
}
