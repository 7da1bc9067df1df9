import { v7 as uuidv7 } from "uuid";
import { actorRef } from "@/lib/domain/auth/actor.ts";
import type { AuditEventInput } from "@/lib/domain/audit/record-audit-event.ts";
import { OUTBOX_CHANNEL } from "@/lib/domain/outbox/enqueue-outbox-event.ts";
import type { db, Prisma, Tx } from "@/lib/platform/db.ts";
import { Prisma as P } from "@/lib/platform/prisma/client.ts";
import type { DecisionBy, RequestStatus, StrikeKind } from "@/lib/platform/prisma/enums.ts";

/** The request row as a submission inserts it: pending, or closed at once by the policy. */
export type NewRequestRow = {
  id: string;
  agentId: string;
  actionTypeId: string;
  action: string;
  status: RequestStatus;
  payload: Prisma.InputJsonValue | null;
  approvedPayload?: Prisma.InputJsonValue;
  payloadHash: string;
  summary: string | null;
  reasoning: string | null;
  context?: Prisma.InputJsonValue;
  riskFlags: string[];
  riskScore: number;
  riskFindings: Prisma.InputJsonValue;
  sealedFields: string[];
  spendAmount: Prisma.Decimal | null;
  policyVersionId: string | null;
  ruleId: string | null;
  policyReason: string;
  requiredApprovals: number;
  approvingGroups: string[];
  ownerMayApprove: boolean;
  createdAt: Date;
  expiresAt: Date;
  decidedAt?: Date;
  decisionBy?: DecisionBy;
  decisionComment?: string | null;
  receipt?: string;
  receiptKeyId?: string;
  receiptExpiresAt?: Date;
};

export type SubmissionRecords = {
  request: NewRequestRow;
  audit: AuditEventInput[];
  outbox: { type: string; aggregateId: string; data: Prisma.InputJsonValue };
  strikes: { kind: StrikeKind; detail: string }[];
  /** The response stored under the agent's Idempotency-Key (already sealed). */
  idempotency: { key: string; bodyHash: string; body: Prisma.InputJsonValue } | null;
  /**
   * The agent's maximum of pending requests. With `lock` (a request that will stay pending) the
   * counter row is locked until commit, so concurrent submissions cannot pass it between them.
   */
  pendingLimit: { max: number; lock: boolean };
};

export type WriteOutcome = "written" | "over_pending_limit" | "idempotency_race";

const json = (v: Prisma.InputJsonValue | null | undefined) => (v === undefined ? P.sql`NULL::jsonb` : P.sql`${JSON.stringify(v)}::jsonb`);
const nullable = <T>(v: T | undefined | null, cast: string) =>
  v === undefined || v === null ? P.raw(`NULL::${cast}`) : P.sql`${v}::${P.raw(cast)}`;

/**
 * Writes a submission in ONE statement (one round trip, one implicit transaction): the pending
 * check on the agent's counter, the request row, its audit events, its outbox record and NOTIFY,
 * breaker strikes and the stored idempotent response — all or nothing. Data-modifying CTEs
 * insert only when the check (and a new Idempotency-Key) lets the request through. Run it on the
 * client, or inside a transaction that did reads first (a budget check).
 */
export async function writeSubmission(executor: Tx | ReturnType<typeof db>, records: SubmissionRecords): Promise<WriteOutcome> {
  const r = records.request;
  const agent = P.sql`${r.agentId}::uuid`;
  const lock = records.pendingLimit.lock ? P.sql`FOR UPDATE` : P.empty;
  const idem = records.idempotency;
  const audit = records.audit.map((e, i) => {
    const { actorType, actorId } = actorRef(e.actor);
    return P.sql`(${i}::int, ${e.type}, ${actorType}, ${nullable(actorId, "text")}, ${e.subject}, ${JSON.stringify(e.data)}::jsonb)`;
  });
  const strikes = records.strikes.map((s) => P.sql`(${s.kind}::"StrikeKind", ${s.detail})`);
  const [row] = await executor.$queryRaw<{ admitted: number; written: number; notified: number }[]>`
    WITH counter AS (
      SELECT pending FROM agent_counters WHERE "agentId" = ${agent} ${lock}
    ), admitted AS (
      SELECT 1 AS ok WHERE COALESCE((SELECT pending FROM counter), 0) < ${records.pendingLimit.max}::int
    ), ${
      idem
        ? P.sql`idem AS (
      INSERT INTO idempotency_keys ("agentId", key, "bodyHash", "requestId", "responseStatus", "responseBody", "createdAt")
      SELECT ${agent}, ${idem.key}, ${idem.bodyHash}, ${r.id}::uuid, 201, ${JSON.stringify(idem.body)}::jsonb, now() FROM admitted
      ON CONFLICT ("agentId", key) DO NOTHING RETURNING 1 AS ok
    ), go AS (SELECT ok FROM idem),`
        : P.sql`go AS (SELECT ok FROM admitted),`
    } request AS (
      INSERT INTO approval_requests (
        id, "agentId", "actionTypeId", action, status, payload, "approvedPayload", "payloadHash", summary, reasoning, context,
        "riskFlags", "riskScore", "riskFindings", "sealedFields", "spendAmount", "policyVersionId", "ruleId", "policyReason",
        "requiredApprovals", "approvingGroups", "ownerMayApprove", "createdAt", "expiresAt",
        "decidedAt", "decisionBy", "decisionComment", receipt, "receiptKeyId", "receiptExpiresAt")
      SELECT ${r.id}::uuid, ${agent}, ${r.actionTypeId}::uuid, ${r.action}, ${r.status}::"RequestStatus", ${json(r.payload)},
        ${json(r.approvedPayload)}, ${r.payloadHash}, ${nullable(r.summary, "text")}, ${nullable(r.reasoning, "text")}, ${json(r.context)},
        ${r.riskFlags}::text[], ${r.riskScore}::int, ${json(r.riskFindings)}, ${r.sealedFields}::text[],
        ${nullable(r.spendAmount?.toString(), "numeric")}, ${nullable(r.policyVersionId, "uuid")}, ${nullable(r.ruleId, "uuid")},
        ${r.policyReason}, ${r.requiredApprovals}::int, ${r.approvingGroups}::text[], ${r.ownerMayApprove}::boolean,
        ${r.createdAt}::timestamp, ${r.expiresAt}::timestamp, ${nullable(r.decidedAt, "timestamp")},
        ${nullable(r.decisionBy, '"DecisionBy"')}, ${nullable(r.decisionComment, "text")}, ${nullable(r.receipt, "text")},
        ${nullable(r.receiptKeyId, "uuid")}, ${nullable(r.receiptExpiresAt, "timestamp")}
      FROM go RETURNING id
    ), audit AS (
      INSERT INTO audit_events (type, "actorType", "actorId", subject, data)
      SELECT v.type, v.actor_type, v.actor_id, v.subject, v.data
      FROM request, (VALUES ${P.join(audit)}) AS v(ord, type, actor_type, actor_id, subject, data) ORDER BY v.ord
      RETURNING 1
    ), outbox AS (
      INSERT INTO outbox_events (id, type, "aggregateId", data)
      SELECT ${uuidv7()}::uuid, ${records.outbox.type}, ${records.outbox.aggregateId}, ${JSON.stringify(records.outbox.data)}::jsonb
      FROM request RETURNING 1
    ), ${
      strikes.length
        ? P.sql`strikes AS (
      INSERT INTO agent_strikes ("agentId", kind, detail) SELECT ${agent}, v.kind, v.detail
      FROM request, (VALUES ${P.join(strikes)}) AS v(kind, detail) RETURNING 1
    ),`
        : P.empty
    } notify AS (SELECT pg_notify(${OUTBOX_CHANNEL}, '') FROM request)
    SELECT (SELECT count(*)::int FROM admitted) AS admitted, (SELECT count(*)::int FROM request) AS written,
           (SELECT count(*)::int FROM notify) AS notified`;
  if (!row || row.admitted === 0) return "over_pending_limit";
  return row.written === 1 ? "written" : "idempotency_race";
}
