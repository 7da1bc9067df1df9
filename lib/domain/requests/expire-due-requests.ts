import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { enqueueOutboxEvent } from "@/lib/domain/outbox/enqueue-outbox-event.ts";
import { db, type Tx } from "@/lib/platform/db.ts";
import { Prisma } from "@/lib/platform/prisma/client.ts";
import { env } from "@/lib/platform/env.ts";
import { closeRequest } from "./close-request.ts";
import { signalRequestClosed } from "./decision-signal.ts";
import { publishRequestChange } from "./request-change-feed.ts";

const SYSTEM = { kind: "system", name: "timeout" } as const;

type DueRequest = {
  id: string;
  agentId: string;
  action: string;
  onTimeout: "reject" | "escalate" | null;
  escalateToGroups: string[] | null;
  escalateAfterSeconds: number | null;
  escalatedAt: Date | null;
};

/**
 * Handles pending requests past their deadline: the first time, a rule with `onTimeout: escalate`
 * hands the request to its escalation groups with a new deadline; otherwise it expires
 * (decision.by = "timeout"). Rows are locked with SKIP LOCKED, so several workers share the work
 * and a reviewer deciding the same row at that moment simply wins or loses the lock.
 */
export async function expireDueRequests(options: { now?: Date; batchSize?: number; requestId?: string } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 200;
  // One request (its deadline timer fired) or the oldest due ones (the periodic sweep).
  const only = options.requestId ? Prisma.sql`AND r.id = ${options.requestId}::uuid` : Prisma.empty;
  const closed = await db().$transaction(async (tx) => {
    const due = await tx.$queryRaw<DueRequest[]>`
      SELECT r.id, r."agentId", r.action, r."escalatedAt",
             p."onTimeout"::text AS "onTimeout", p."escalateToGroups", p."escalateAfterSeconds"
      FROM approval_requests r LEFT JOIN policy_rules p ON p.id = r."ruleId"
      WHERE r.status = 'pending' AND r."expiresAt" <= ${now} ${only}
      ORDER BY r."expiresAt" LIMIT ${batchSize}
      FOR UPDATE OF r SKIP LOCKED`;
    const expired: string[] = [];
    const escalated: string[] = [];
    // By agent: each close locks its agent's pending counter (a trigger), always in the same order.
    due.sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
    for (const request of due) {
      if (request.onTimeout === "escalate" && !request.escalatedAt && (request.escalateToGroups?.length ?? 0) > 0) {
        await escalate(tx, request, now);
        escalated.push(request.id);
      } else {
        await closeRequest(tx, { actor: SYSTEM, request, status: "expired", by: "timeout", comment: "No decision before the deadline" });
        expired.push(request.id);
      }
    }
    return { expired, escalated };
  });
  for (const id of closed.expired) await signalRequestClosed(id);
  for (const id of closed.escalated) await publishRequestChange(id, "escalated");
  return closed.expired.length;
}

async function escalate(tx: Tx, request: DueRequest, now: Date): Promise<void> {
  const seconds = request.escalateAfterSeconds ?? env().DEFAULT_REQUEST_TTL_SECONDS;
  const expiresAt = new Date(now.getTime() + seconds * 1000);
  const groups = request.escalateToGroups ?? [];
  await tx.approvalRequest.update({ where: { id: request.id }, data: { approvingGroups: groups, expiresAt, escalatedAt: now } });
  await recordAuditEvent(tx, {
    type: "request.escalated",
    actor: SYSTEM,
    subject: `request:${request.id}`,
    data: { groups, expiresAt: expiresAt.toISOString() },
  });
  await enqueueOutboxEvent(tx, {
    type: "request.escalated",
    aggregateId: request.id,
    data: {
      requestId: request.id,
      agentId: request.agentId,
      action: request.action,
      approvingGroups: groups,
      expiresAt: expiresAt.toISOString(),
    },
  });
}
