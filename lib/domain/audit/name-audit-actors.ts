import { db } from "@/lib/platform/db.ts";
import type { AuditRow } from "./list-audit-events.ts";
import { isUuid } from "@/lib/kernel/validation/is-uuid.ts";

export type NamedAuditRow = AuditRow & {
  /** The user's or agent's current name, for people reading the trail; null for system and CLI actors. */
  actorName: string | null;
};

/**
 * Adds the actor's name to each event, in two bounded reads per batch (users, agents). The chain
 * records the id, never the name: a renamed user shows under their new name, with the same id.
 * Callers have already authorized the reader.
 */
export async function nameAuditActors(rows: AuditRow[]): Promise<NamedAuditRow[]> {
  const idsOf = (type: string) => [
    ...new Set(rows.flatMap((r) => (r.actorType === type && r.actorId && isUuid(r.actorId) ? [r.actorId] : []))),
  ];
  const [userIds, agentIds] = [idsOf("user"), idsOf("agent")];
  const [users, agents] = await Promise.all([
    userIds.length ? db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
    agentIds.length ? db().agent.findMany({ where: { id: { in: agentIds } }, select: { id: true, name: true } }) : [],
  ]);
  const names = { user: new Map(users.map((u) => [u.id, u.name])), agent: new Map(agents.map((a) => [a.id, a.name])) };
  return rows.map((r) => {
    const table = r.actorType === "user" ? names.user : r.actorType === "agent" ? names.agent : null;
    return { ...r, actorName: (table && r.actorId && table.get(r.actorId)) || null };
  });
}
