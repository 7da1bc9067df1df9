import { AppError } from "@/lib/kernel/errors.ts";
import type { Tx } from "@/lib/platform/db.ts";
import type { RequestView } from "./request-view.ts";
import { openStoredResponse, sealStoredResponse } from "./sealed-request.ts";

/** Thrown inside the submit transaction when another submission with the same key won. */
export class IdempotencyRace extends Error {}

/**
 * The stored response for (agent, key), or null if the key is new. The same key with a
 * different body is a client bug we refuse loudly (422) rather than guess at.
 */
export async function replayIdempotent(tx: Tx, agentId: string, key: string, bodyHash: string) {
  const saved = await tx.idempotencyKey.findUnique({ where: { agentId_key: { agentId, key } } });
  if (!saved) return null;
  if (saved.bodyHash !== bodyHash) {
    throw new AppError("idempotency_conflict", "This Idempotency-Key was used with a different request body");
  }
  return { status: saved.responseStatus, body: openStoredResponse(saved.requestId, saved.responseBody) as RequestView, replayed: true };
}

/**
 * Stores the response under the key, encrypted (it repeats the payload). INSERT … ON CONFLICT DO NOTHING waits for a concurrent
 * transaction holding the same key; if that one commits, nothing is inserted and we abort ours.
 */
export async function saveIdempotentResponse(
  tx: Tx,
  entry: { agentId: string; key: string; bodyHash: string; requestId: string; status: number; body: RequestView },
): Promise<void> {
  const inserted = await tx.$executeRaw`
    INSERT INTO idempotency_keys ("agentId", key, "bodyHash", "requestId", "responseStatus", "responseBody", "createdAt")
    VALUES (${entry.agentId}::uuid, ${entry.key}, ${entry.bodyHash}, ${entry.requestId}::uuid, ${entry.status},
            ${JSON.stringify(sealStoredResponse(entry.requestId, entry.body))}::jsonb, now())
    ON CONFLICT ("agentId", key) DO NOTHING`;
  if (inserted === 0) throw new IdempotencyRace();
}
