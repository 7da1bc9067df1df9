import { db, type Prisma } from "@/lib/platform/db.ts";
import { verifyAuditChain } from "./verify-audit-chain.ts";

/**
 * The `audit.verify` job: walks the whole chain (verifyAuditChain) and records the outcome, which
 * the audit viewer shows. Walking millions of events takes a while, so it runs in the worker — on
 * a schedule (AUDIT_VERIFY_INTERVAL_MS) and when an admin or auditor asks — never on a page load.
 */
export async function runAuditVerification(requestedBy: string): Promise<{ ok: boolean; events: number }> {
  const run = await db().auditVerification.create({ data: { requestedBy } });
  try {
    const result = await verifyAuditChain();
    await db().auditVerification.update({
      where: { id: run.id },
      data: {
        finishedAt: new Date(),
        ok: result.ok,
        events: BigInt(result.events),
        headSeq: result.ok && result.head ? BigInt(result.head.seq) : null,
        headHash: result.ok && result.head ? result.head.hash : null,
        firstBad: result.ok ? undefined : (result.firstBad as Prisma.InputJsonValue),
      },
    });
    return { ok: result.ok, events: result.events };
  } catch (e) {
    await db().auditVerification.update({
      where: { id: run.id },
      data: {
        finishedAt: new Date(),
        ok: false,
        firstBad: { id: "-", seq: null, reason: `verification failed to run: ${(e as Error).message}` },
      },
    });
    throw e;
  }
}
