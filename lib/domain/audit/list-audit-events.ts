import type { Actor } from "@/lib/domain/auth/actor.ts";
import { db, type Prisma } from "@/lib/platform/db.ts";
import { requireReader } from "@/lib/domain/users/require-reader.ts";
import type { SealableEvent } from "./audit-hash.ts";
import type { TAuditFilter } from "./audit-query.ts";
import { nameAuditActors, type NamedAuditRow } from "./name-audit-actors.ts";

export type AuditRow = SealableEvent & { seq: bigint | null; hash: string | null; prevHash: string | null };

const SELECT = {
  id: true,
  occurredAt: true,
  type: true,
  actorType: true,
  actorId: true,
  subject: true,
  data: true,
  seq: true,
  hash: true,
  prevHash: true,
} as const;

/** The filter as a Prisma condition; `from`/`to` are UTC days, `to` inclusive. */
export function auditWhere(filter: TAuditFilter): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput[] = [];
  if (filter.type) where.push({ type: filter.type });
  if (filter.actorType) where.push({ actorType: filter.actorType });
  if (filter.actor) where.push({ actorId: filter.actor });
  if (filter.subject) where.push({ subject: filter.subject });
  if (filter.from) where.push({ occurredAt: { gte: new Date(`${filter.from}T00:00:00Z`) } });
  if (filter.to) where.push({ occurredAt: { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) } });
  return { AND: where };
}

/**
 * Audit events, newest first, one keyset page (by id) at a time, for admins and auditors, with
 * their actors' names. Each filter is an indexed column (type, actorId, subject, occurredAt), so a
 * page is a bounded read.
 */
export async function listAuditEvents(options: { actor: Actor; filter: TAuditFilter; before?: bigint; limit?: number }) {
  await requireReader(db(), options.actor, "the audit trail");
  const limit = Math.min(options.limit ?? 100, 500);
  const rows: AuditRow[] = await db().auditEvent.findMany({
    where: { AND: [auditWhere(options.filter), ...(options.before ? [{ id: { lt: options.before } }] : [])] },
    orderBy: { id: "desc" },
    take: limit + 1,
    select: SELECT,
  });
  const page = rows.slice(0, limit);
  return { items: await nameAuditActors(page), nextBefore: rows.length > limit ? page.at(-1)!.id.toString() : null };
}

/**
 * Every matching event, oldest first, in batches of `batch` rows (keyset on id): the export streams
 * them out without ever holding more than one batch.
 */
export async function* iterateAuditEvents(options: { actor: Actor; filter: TAuditFilter; batch?: number }): AsyncGenerator<NamedAuditRow> {
  await requireReader(db(), options.actor, "the audit trail");
  const batch = options.batch ?? 1000;
  let after = -1n;
  for (;;) {
    const rows: AuditRow[] = await db().auditEvent.findMany({
      where: { AND: [auditWhere(options.filter), { id: { gt: after } }] },
      orderBy: { id: "asc" },
      take: batch,
      select: SELECT,
    });
    yield* await nameAuditActors(rows);
    if (rows.length < batch) return;
    after = rows.at(-1)!.id;
  }
}
