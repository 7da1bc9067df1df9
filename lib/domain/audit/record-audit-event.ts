import { actorRef, type Actor } from "@/lib/domain/auth/actor.ts";
import type { Prisma, Tx } from "@/lib/platform/db.ts";

export type AuditEventInput = {
  /** Dotted event name: "request.created", "review.recorded", "agent.paused", ... */
  type: string;
  actor: Actor;
  /** What the event is about, as "<kind>:<id>" ("request:0193…", "agent:…"). */
  subject: string;
  /** Facts worth keeping. Never secrets, never sensitive payload values (hash them). */
  data: Prisma.InputJsonValue;
};

/**
 * Appends an audit event inside the caller's transaction, so it commits with the state change it
 * describes. The event is chained later by the sealer (seal-audit-events.ts): chaining here would
 * serialise every writing transaction behind one lock.
 */
export async function recordAuditEvent(tx: Tx, event: AuditEventInput): Promise<void> {
  const { actorType, actorId } = actorRef(event.actor);
  await tx.auditEvent.create({
    data: { type: event.type, actorType, actorId, subject: event.subject, data: event.data },
  });
}
