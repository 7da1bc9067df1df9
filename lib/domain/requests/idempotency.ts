import { AppError } from "@/lib/kernel/errors.ts";
import type { Tx } from "@/lib/platform/db.ts";
import type { RequestView } from "./request-view.ts";
import { openStoredResponse } from "./sealed-request.ts";

/**
 * A concurrent submission with the same key committed first: the submission's write inserted
 * nothing (write-submission.ts stores the response in the same statement, ON CONFLICT DO NOTHING).
 */
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
