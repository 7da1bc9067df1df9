import { db } from "@/lib/server/db.ts";
import { closeRequest } from "./close-request.ts";
import { signalRequestClosed } from "./decision-signal.ts";

const SYSTEM = { kind: "system", name: "timeout" } as const;

/**
 * Moves pending requests past their deadline to `expired` (decision.by = "timeout"). Rows are
 * locked with SKIP LOCKED, so several workers share the work and a reviewer deciding the same
 * row at that moment simply wins or loses the lock. Returns how many expired.
 */
export async function expireDueRequests(options: { now?: Date; batchSize?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 200;
  const expired = await db().$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string; agentId: string; action: string }[]>`
      SELECT id, "agentId", action FROM approval_requests
      WHERE status = 'pending' AND "expiresAt" <= ${now}
      ORDER BY "expiresAt" LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED`;
    for (const request of due) {
      await closeRequest(tx, { actor: SYSTEM, request, status: "expired", by: "timeout", comment: "No decision before the deadline" });
    }
    return due.map((r) => r.id);
  });
  for (const id of expired) await signalRequestClosed(id);
  return expired.length;
}
