// `npm run bench:reviewer`: the reviewer pages under a large backlog — 100,000 pending and
// 1,000,000 decided requests (BENCH_PENDING / BENCH_DECIDED to change) — measured as a browser
// sees them: time to first byte of the server-rendered pages with a signed-in reviewer's cookie,
// sequentially, p50 / p95 over BENCH_SAMPLES requests each. Not a test: it prints its figures.
import pg from "pg";
import { startStack } from "@/lib/launcher/start-stack.ts";
import { percentile } from "./processes.ts";

const log = (line: string) => console.log(`bench  | ${line}`);
const PENDING = Number(process.env.BENCH_PENDING ?? 100_000);
const DECIDED = Number(process.env.BENCH_DECIDED ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50);

async function seed(databaseUrl: string) {
  const { applyConfig } = await import("@/lib/config/apply-config.ts");
  const { createAgent } = await import("@/lib/agents/create-agent.ts");
  const { createUser } = await import("@/lib/users/create-user.ts");
  const cli = { kind: "cli" } as const;
  const types = ["bench.transfer", "bench.email", "bench.query"];
  await applyConfig({
    actor: cli,
    format: "json",
    source: JSON.stringify({
      actionTypes: types.map((key, i) => ({ key, name: `Bench ${key}`, riskLevel: ["medium", "high", "critical"][i], recipientField: "/to", payloadSchema: { type: "object" } })),
      policies: types.map((action) => ({ action, rules: [{ name: "review", outcome: "review", groups: ["finance"] }] })),
    }),
  });
  for (let i = 0; i < 20; i++) await createAgent({ actor: cli, name: `bench-agent-${i}`, scopes: ["*"] });
  await createUser({ actor: cli, email: "bench-reviewer@example.test", password: "bench-reviewer-password", role: "reviewer", groups: ["finance"] });

  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  const t0 = Date.now();
  // Rows shaped like real ones: a payload with a recipient, a summary, a review for human decisions.
  const insert = (status: string, count: number) => sql.query(`
    WITH a AS (SELECT array_agg(id ORDER BY id) AS ids FROM agents),
         t AS (SELECT array_agg(id ORDER BY key) AS ids, array_agg(key ORDER BY key) AS keys FROM action_types WHERE key LIKE 'bench.%')
    INSERT INTO approval_requests (id, "agentId", "actionTypeId", action, status, payload, "approvedPayload", "payloadHash", summary, "riskFlags", "riskScore",
      "policyReason", "requiredApprovals", "approvingGroups", approvals, "createdAt", "expiresAt", "decidedAt", "decisionBy")
    SELECT gen_random_uuid(), a.ids[1 + g % 20], t.ids[1 + g % 3], t.keys[1 + g % 3], $1::"RequestStatus",
      jsonb_build_object('to', 'acct_' || (g % 5000), 'amount', g % 10000),
      CASE WHEN $1 = 'approved' THEN jsonb_build_object('to', 'acct_' || (g % 5000), 'amount', g % 10000) END,
      'sha256:' || md5(g::text) || md5((g + 1)::text), 'Pay invoice INV-' || g,
      CASE WHEN g % 17 = 0 THEN ARRAY['sql.destructive'] ELSE ARRAY[]::text[] END, CASE WHEN g % 17 = 0 THEN 60 ELSE 0 END,
      'rule review matched', 1, ARRAY['finance'], 0,
      now() - (g % 43200) * interval '1 minute', now() + ((g % 1440) + 60) * interval '1 minute',
      CASE WHEN $1 = 'pending' THEN NULL ELSE now() - (g % 43200) * interval '1 minute' + interval '7 minutes' END,
      CASE WHEN $1 = 'pending' THEN NULL WHEN $1 = 'expired' THEN 'timeout'::"DecisionBy" ELSE 'reviewers'::"DecisionBy" END
    FROM generate_series(1, $2::int) g, a, t`, [status, count]);
  await insert("pending", PENDING);
  await insert("approved", Math.round(DECIDED * 0.7));
  await insert("rejected", Math.round(DECIDED * 0.2));
  await insert("expired", DECIDED - Math.round(DECIDED * 0.7) - Math.round(DECIDED * 0.2));
  await sql.query("ANALYZE");
  log(`seeded ${PENDING.toLocaleString("en")} pending + ${DECIDED.toLocaleString("en")} decided requests in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const { rows } = await sql.query(`SELECT id FROM approval_requests WHERE status = 'pending' ORDER BY "expiresAt" LIMIT 1`);
  await sql.end();
  return rows[0].id as string;
}

async function ttfb(url: string, cookie: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const reader = res.body!.getReader();
  await reader.read(); // first byte
  const first = performance.now() - start;
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  while (!(await reader.read()).done);
  return first;
}

async function main() {
  const stack = await startStack({ name: "bench-reviewer", preferredPorts: { pg: 54359, redis: 63829, web: 3300 }, env: { LOG_LEVEL: "error", AUDIT_VERIFY_INTERVAL_MS: "0" }, log });
  try {
    for (const name of ["DATABASE_URL", "ENCRYPTION_KEYS"] as const) process.env[name] = stack.env[name];
    const requestId = await seed(stack.env.DATABASE_URL!);
    process.env.APP_URL = stack.appUrl;
    const { signIn } = await import("../tests/support/reviewer-session.ts");
    const cookie = await signIn("bench-reviewer@example.test", "bench-reviewer-password");
    const pages = ["/inbox", "/inbox?sort=risk", "/inbox?sort=age&risk=high", `/requests/${requestId}`, "/history", "/history?q=INV-4242&period=7d", "/metrics?period=7d", "/api/inbox/counts"];
    console.log(`\n| page | TTFB p50 (ms) | TTFB p95 (ms) |\n|---|---|---|`);
    for (const page of pages) {
      await ttfb(stack.appUrl + page, cookie); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES; i++) samples.push(await ttfb(stack.appUrl + page, cookie));
      samples.sort((a, b) => a - b);
      console.log(`| ${page.replace(requestId, "<id>")} | ${percentile(samples, 50).toFixed(0)} | ${percentile(samples, 95).toFixed(0)} |`);
    }
  } finally {
    await stack.stop();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
