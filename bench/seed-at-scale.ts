import pg from "pg";
import { SEAL_LOCK } from "@/lib/domain/audit/seal-audit-events.ts";

/**
 * Fills the bench database with a large history in plain SQL (the services would take hours):
 * `pending` requests waiting for review and `decided` ones over the past year, with their
 * reviews and audit events, spread over several agents, action types and approving groups.
 * The audit events are inserted as already sealed with placeholder hashes — the bench database
 * is thrown away, and sealing two million events would dominate the run — and the chain head
 * is moved past them, so events the bench itself causes are chained as usual.
 */
export async function seedAtScale(options: {
  databaseUrl: string;
  pending: number;
  decided: number;
  /** Reviewers who decided the history (user ids); the first is the one the bench signs in as. */
  reviewerIds: string[];
  actionTypeIds: string[];
  agentIds: string[];
  log: (line: string) => void;
}): Promise<void> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const t0 = Date.now();
  try {
    await client.query(
      `CREATE TEMP TABLE seed_refs AS
      SELECT a.id AS "actionTypeId", a.key AS action, ag.id AS "agentId", row_number() OVER () - 1 AS n
      FROM unnest($1::uuid[]) AS a_id JOIN action_types a ON a.id = a_id
      CROSS JOIN unnest($2::uuid[]) AS ag_id JOIN agents ag ON ag.id = ag_id`,
      [options.actionTypeIds, options.agentIds],
    );
    const refs = Number((await client.query(`SELECT count(*) FROM seed_refs`)).rows[0].count);

    // Pending: created over the last 3 days, deadlines 1-7 days out (never due during the bench).
    await client.query(
      `INSERT INTO approval_requests (id, "agentId", "actionTypeId", action, status, payload, "payloadHash", summary, reasoning,
         "policyReason", "requiredApprovals", "approvingGroups", "riskFlags", "riskScore", "createdAt", "expiresAt")
       SELECT gen_random_uuid(), r."agentId", r."actionTypeId", r.action, 'pending',
         jsonb_build_object('amount', 100 + i % 9900, 'currency', 'USD', 'to', 'acct_' || (i % 5000)),
         'sha256:' || md5(i::text) || md5((i + 1)::text),
         'Pay invoice INV-' || i, 'The user asked me to pay invoice INV-' || i || '.',
         'rule review matched (seeded)', 1 + (i % 3 = 0)::int,
         CASE WHEN i % 10 < 7 THEN ARRAY['finance'] ELSE ARRAY['ops'] END,
         CASE WHEN i % 50 = 0 THEN ARRAY['url.punycode'] ELSE ARRAY[]::text[] END, (i % 50 = 0)::int * 30,
         now() - (i % 259200) * interval '1 second',
         now() + interval '1 day' + (i % 518400) * interval '1 second'
       FROM generate_series(1, $1::int) AS i JOIN seed_refs r ON r.n = i % $2::int`,
      [options.pending, refs],
    );
    options.log(`seeded ${options.pending} pending requests (${((Date.now() - t0) / 1000).toFixed(0)} s)`);

    // Decided: spread over a year of history; 60% approved, 25% rejected, 10% expired, 5% cancelled.
    await client.query(
      `INSERT INTO approval_requests (id, "agentId", "actionTypeId", action, status, payload, "approvedPayload", "payloadHash", summary, reasoning,
         "policyReason", "requiredApprovals", approvals, "approvingGroups", "createdAt", "expiresAt", "decidedAt", "decisionBy", "decisionComment")
       SELECT gen_random_uuid(), r."agentId", r."actionTypeId", r.action, s.status,
         p.payload, CASE WHEN s.status = 'approved' THEN p.payload END,
         'sha256:' || md5(i::text) || md5((i + 2)::text),
         'Pay invoice INV-' || i, 'The user asked me to pay invoice INV-' || i || '.',
         'rule review matched (seeded)', 1, (s.status = 'approved')::int,
         CASE WHEN i % 10 < 7 THEN ARRAY['finance'] ELSE ARRAY['ops'] END,
         c.created, c.created + interval '1 day', c.created + (60 + i % 7200) * interval '1 second',
         CASE WHEN s.status = 'expired' THEN 'timeout' WHEN s.status = 'cancelled' THEN 'agent'
              WHEN i % 20 = 0 THEN 'policy' ELSE 'reviewers' END::"DecisionBy",
         CASE WHEN s.status = 'rejected' THEN 'Not this one.' END
       FROM generate_series(1, $1::int) AS i
       JOIN seed_refs r ON r.n = i % $2::int
       CROSS JOIN LATERAL (SELECT (CASE WHEN i % 20 < 12 THEN 'approved' WHEN i % 20 < 17 THEN 'rejected' WHEN i % 20 < 19 THEN 'expired' ELSE 'cancelled' END)::"RequestStatus" AS status) s
       CROSS JOIN LATERAL (SELECT jsonb_build_object('amount', 100 + i % 9900, 'currency', 'USD', 'to', 'acct_' || (i % 5000)) AS payload) p
       CROSS JOIN LATERAL (SELECT now() - interval '3 days' - ((i::bigint * 7919) % 31536000) * interval '1 second' AS created) c`,
      [options.decided, refs],
    );
    options.log(`seeded ${options.decided} decided requests (${((Date.now() - t0) / 1000).toFixed(0)} s)`);

    await client.query(
      `INSERT INTO reviews (id, "requestId", "reviewerId", outcome, comment, "payloadHash", "createdAt")
       SELECT gen_random_uuid(), q.id, ($1::uuid[])[1 + (hashtext(q.id::text) & 1023) % cardinality($1::uuid[])],
         CASE WHEN q.status = 'approved' THEN 'approve' ELSE 'reject' END::"ReviewOutcome", q."decisionComment", q."payloadHash", q."decidedAt"
       FROM approval_requests q WHERE q."decisionBy" = 'reviewers' AND q.status IN ('approved', 'rejected') AND q."policyReason" = 'rule review matched (seeded)'`,
      [options.reviewerIds],
    );
    options.log(`seeded reviews (${((Date.now() - t0) / 1000).toFixed(0)} s)`);

    // Hold the sealer's lock (it only try-locks), so no event is chained while seqs are handed out.
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [SEAL_LOCK]);
    const head = ((await client.query(`SELECT coalesce(max(seq), 0)::bigint AS head FROM audit_events`)).rows[0] as { head: string }).head;
    await client.query(
      `INSERT INTO audit_events ("occurredAt", type, "actorType", "actorId", subject, data, seq, "prevHash", hash, "sealedAt")
       SELECT e.at, e.type, e.actor, e."actorId", 'request:' || e.id, e.data,
         $1::bigint + row_number() OVER (ORDER BY e.at, e.id, e.type), 'seeded', 'seeded', now()
       FROM (
         SELECT q."createdAt" AS at, q.id, 'request.created' AS type, 'agent' AS actor, q."agentId"::text AS "actorId",
                jsonb_build_object('action', q.action, 'payloadHash', q."payloadHash") AS data
           FROM approval_requests q WHERE q."policyReason" = 'rule review matched (seeded)'
         UNION ALL
         SELECT q."decidedAt", q.id, 'request.' || q.status, 'system', NULL, jsonb_build_object('by', q."decisionBy")
           FROM approval_requests q WHERE q."decidedAt" IS NOT NULL AND q."policyReason" = 'rule review matched (seeded)'
       ) e`,
      [head],
    );
    await client.query(
      `INSERT INTO audit_chain_head (id, seq, hash, "updatedAt") SELECT 1, max(seq), 'seeded', now() FROM audit_events
       ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, "updatedAt" = now()`,
    );
    await client.query("COMMIT");
    options.log(`seeded audit events (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    await client.query(`VACUUM ANALYZE approval_requests, reviews, audit_events`);
    options.log(`vacuumed and analysed (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  } finally {
    await client.end();
  }
}
