import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { db } from "@/lib/platform/db.ts";
import { loadReviewerFacts } from "@/lib/domain/users/load-reviewer-facts.ts";

export type TimelineEntry = {
  id: string;
  at: Date;
  type: string;
  actor: string;
  /** Chain position once sealed (docs/AUDIT.md); null inside the sealing window. */
  seq: string | null;
  outcome: string | null;
  comment: string | null;
  edited: boolean;
};

const MAX_EVENTS = 200;

/**
 * A request's history as the audit trail recorded it (the events whose subject is the request,
 * oldest first, at most MAX_EVENTS): who did what and when, each marked sealed or not. Actors are
 * named from the users and agents tables; the event data shown is the platform's own (outcomes,
 * reviewer comments), never payload values.
 */
export async function getRequestTimeline(options: { actor: UserActor; requestId: string }): Promise<TimelineEntry[]> {
  await loadReviewerFacts(db(), options.actor.userId);
  const events = await db().auditEvent.findMany({
    where: { subject: `request:${options.requestId}` },
    orderBy: { id: "asc" },
    take: MAX_EVENTS,
    select: { id: true, occurredAt: true, type: true, actorType: true, actorId: true, seq: true, data: true },
  });
  const ids = (kind: string) => [...new Set(events.filter((e) => e.actorType === kind && e.actorId).map((e) => e.actorId!))];
  const [users, agents] = await Promise.all([
    db().user.findMany({ where: { id: { in: ids("user") } }, select: { id: true, name: true } }),
    db().agent.findMany({ where: { id: { in: ids("agent") } }, select: { id: true, name: true } }),
  ]);
  const names = new Map([...users.map((u) => [u.id, u.name] as const), ...agents.map((a) => [a.id, `agent ${a.name}`] as const)]);
  return events.map((e) => {
    const data = (e.data ?? {}) as Record<string, unknown>;
    const actor =
      e.actorType === "system"
        ? e.actorId === "policy"
          ? "the policy"
          : `system (${e.actorId ?? "?"})`
        : e.actorType === "cli"
          ? "operator (CLI)"
          : (names.get(e.actorId ?? "") ?? `${e.actorType} ${e.actorId ?? ""}`.trim());
    return {
      id: e.id.toString(),
      at: e.occurredAt,
      type: e.type,
      actor,
      seq: e.seq?.toString() ?? null,
      outcome: typeof data.outcome === "string" ? data.outcome : null,
      comment: typeof data.comment === "string" ? data.comment : null,
      edited: data.edited === true,
    };
  });
}
