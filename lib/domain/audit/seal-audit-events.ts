import { db } from "@/lib/platform/db.ts";
import { auditEventHash, GENESIS_HASH, type SealableEvent } from "./audit-hash.ts";

export const SEAL_LOCK = 0x636e7473; // any constant: one sealer at a time across all worker replicas

/**
 * Chains committed audit events. Writers insert events unchained (so they never queue behind one
 * lock); this step gives each a `seq` and `hash` in a deterministic order that never needs to
 * insert into the middle of the chain: it only takes events whose inserting transaction id is
 * below the xmin of a fresh snapshot, i.e. transactions that have all finished, so no event with
 * a smaller txid can ever appear later. The window this leaves — events written but not yet
 * sealed, about one sealing interval plus the longest running transaction — is documented in
 * docs/AUDIT.md. Returns the number of events sealed.
 */
export async function sealAuditEvents(batchSize = 2000): Promise<number> {
  return db().$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SEAL_LOCK}) AS locked`;
    if (!lock?.locked) return 0;
    const [snap] = await tx.$queryRaw<{ xmin: bigint }[]>`SELECT (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint AS xmin`;
    const events = await tx.$queryRaw<SealableEvent[]>`
      SELECT id, "occurredAt", type, "actorType", "actorId", subject, data
      FROM audit_events
      WHERE seq IS NULL AND txid < ${snap!.xmin}
      ORDER BY txid, id
      LIMIT ${batchSize}`;
    if (events.length === 0) return 0;

    const head = await tx.auditChainHead.findUnique({ where: { id: 1 } });
    let seq = head?.seq ?? 0n;
    let prev = head?.hash ?? GENESIS_HASH;
    const ids: bigint[] = [],
      seqs: bigint[] = [],
      prevs: string[] = [],
      hashes: string[] = [];
    for (const event of events) {
      seq += 1n;
      const hash = auditEventHash(prev, seq, event);
      ids.push(event.id);
      seqs.push(seq);
      prevs.push(prev);
      hashes.push(hash);
      prev = hash;
    }
    await tx.$executeRaw`
      UPDATE audit_events AS e
      SET seq = v.seq, "prevHash" = v.prev, hash = v.hash, "sealedAt" = now()
      FROM unnest(${ids}::bigint[], ${seqs}::bigint[], ${prevs}::text[], ${hashes}::text[]) AS v(id, seq, prev, hash)
      WHERE e.id = v.id`;
    await tx.auditChainHead.upsert({
      where: { id: 1 },
      create: { id: 1, seq, hash: prev },
      update: { seq, hash: prev },
    });
    return events.length;
  });
}
