import type { Actor } from "@/lib/domain/auth/actor.ts";
import { db } from "@/lib/platform/db.ts";
import { requireReader } from "@/lib/domain/users/require-reader.ts";

/**
 * What the audit viewer says about the chain: the latest verification (and whether one is
 * running), the current head, and how many events wait to be sealed. Cheap: no walk of the chain.
 */
export async function getAuditChainStatus(options: { actor: Actor }) {
  await requireReader(db(), options.actor, "the audit trail");
  const [latest, lastFinished, head, unsealed] = await Promise.all([
    db().auditVerification.findFirst({ orderBy: { startedAt: "desc" } }),
    db().auditVerification.findFirst({ where: { finishedAt: { not: null } }, orderBy: { startedAt: "desc" } }),
    db().auditChainHead.findUnique({ where: { id: 1 } }),
    // Capped, along the seq index (unsealed events have none), however long the chain.
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 FROM audit_events WHERE seq IS NULL LIMIT 10001) AS u`.then(
      (r) => r[0]?.n ?? 0,
    ),
  ]);
  return {
    running: latest !== null && latest.finishedAt === null && Date.now() - latest.startedAt.getTime() < 3_600_000,
    last: lastFinished && {
      ok: lastFinished.ok === true,
      startedAt: lastFinished.startedAt,
      finishedAt: lastFinished.finishedAt!,
      events: lastFinished.events?.toString() ?? "0",
      headSeq: lastFinished.headSeq?.toString() ?? null,
      headHash: lastFinished.headHash,
      firstBad: lastFinished.firstBad as { id: string; seq: string | null; reason: string } | null,
    },
    head: head ? { seq: head.seq.toString(), hash: head.hash } : null,
    unsealed,
  };
}
