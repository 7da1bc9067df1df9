import { db } from "@/lib/platform/db.ts";
import { auditEventHash, GENESIS_HASH, type SealableEvent } from "./audit-hash.ts";
import { sealAuditEvents } from "./seal-audit-events.ts";

type Sealed = SealableEvent & { seq: bigint; prevHash: string; hash: string };

export type VerifyResult =
  | { ok: true; events: number; head: { seq: string; hash: string } | null }
  | { ok: false; events: number; firstBad: { id: string; seq: string | null; reason: string } };

/**
 * Walks the sealed chain from the first event: every seq present once and in order, every
 * prevHash equal to the previous hash, every hash recomputed from the event's content, and the
 * last event equal to the recorded head (so deleting the newest events is noticed too).
 * Seals what is committed first, so everything older than the sealing window is covered.
 */
export async function verifyAuditChain(options: { batchSize?: number } = {}): Promise<VerifyResult> {
  while ((await sealAuditEvents()) > 0);
  const batchSize = options.batchSize ?? 5000;
  let expectedSeq = 1n;
  let prev = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db().$queryRaw<Sealed[]>`
      SELECT id, seq, "prevHash", hash, "occurredAt", type, "actorType", "actorId", subject, data
      FROM audit_events WHERE seq >= ${expectedSeq} ORDER BY seq LIMIT ${batchSize}`;
    for (const row of rows) {
      const bad = (reason: string) => ({
        ok: false as const,
        events: checked,
        firstBad: { id: row.id.toString(), seq: row.seq.toString(), reason },
      });
      if (row.seq !== expectedSeq) return bad(`event seq ${expectedSeq} is missing (deleted or unsealed); next is ${row.seq}`);
      if (row.prevHash !== prev) return bad("prevHash does not match the previous event's hash");
      if (auditEventHash(prev, row.seq, row) !== row.hash) return bad("content does not match its hash (altered)");
      prev = row.hash;
      expectedSeq += 1n;
      checked += 1;
    }
    if (rows.length < batchSize) break;
  }
  const head = await db().auditChainHead.findUnique({ where: { id: 1 } });
  if (head && (head.seq !== expectedSeq - 1n || head.hash !== prev)) {
    return {
      ok: false,
      events: checked,
      firstBad: {
        id: "-",
        seq: expectedSeq.toString(),
        reason: `chain ends at seq ${expectedSeq - 1n} but the head records seq ${head.seq}: newest events deleted or altered`,
      },
    };
  }
  if (!head && checked > 0) return { ok: false, events: checked, firstBad: { id: "-", seq: null, reason: "chain head record is missing" } };
  return { ok: true, events: checked, head: head ? { seq: head.seq.toString(), hash: head.hash } : null };
}
