import { db, type Tx } from "@/lib/platform/db.ts";
import type { StrikeKind } from "@/lib/platform/prisma/enums.ts";

/**
 * One thing the circuit breaker counts against an agent: a rejection, a failed execution, or a
 * limit hit. Written in the caller's transaction when it belongs to a state change.
 */
export async function recordStrike(
  tx: Tx | ReturnType<typeof db>,
  strike: { agentId: string; kind: StrikeKind; detail?: string },
): Promise<void> {
  await tx.agentStrike.create({ data: { agentId: strike.agentId, kind: strike.kind, detail: strike.detail ?? null } });
}
