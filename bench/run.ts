// `npm run bench`: measures the gateway against baselines taken in the same run on the same
// machine, prints a table and writes docs/BENCHMARKS.md. Not a test: nothing here passes or fails.
// BENCH_SECONDS sets each load phase (default 10); BENCH_ONLY=submit,cases,wait,webhook runs some
// sections only (and then prints without writing docs/BENCHMARKS.md).
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startStack, type Stack } from "@/programs/launcher/start-stack.ts";
import { failureText } from "@/programs/local/service-failure.ts";
import { ACTION, PGBENCH_CLIENTS, setup, SUBMISSION, type Setup } from "./bench-setup.ts";
import { signIn } from "../tests/support/reviewer-session.ts";
import { cpuMeter, cpuPerRequest, type CpuReading } from "./cpu-meter.ts";
import { decisionToWait } from "./decision-to-wait.ts";
import { decisionToWebhook } from "./decision-to-webhook.ts";
import { explainStatements, sampleRequestIds, timePages } from "./inbox-at-scale.ts";
import { seedAtScale } from "./seed-at-scale.ts";
import { countWork } from "./statement-counts.ts";
import { load, pgbenchInsertTps, type LoadResult } from "./submit-throughput.ts";
import { newAgents, submitCasesSection, submitLoad, type CaseContext } from "./submit-cases.ts";

const log = (line: string) => console.log(`bench  | ${line}`);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SECTIONS = ["submit", "cases", "wait", "webhook", "inbox"] as const;
const PENDING = Number(process.env.BENCH_PENDING ?? 100_000);
const DECIDED = Number(process.env.BENCH_DECIDED ?? 1_000_000);
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(",") : [...SECTIONS];
const DATA_DIR = path.resolve(".data/bench");

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "—");

/** Waits until the worker has caught up with a load phase (its CPU use falls idle). */
async function workerSettled(read: () => CpuReading, maxMs = 120_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = read().worker;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = read().worker;
    if (now - last < 30) return;
    last = now;
  }
}

const caseContext = (stack: Stack, s: Setup): CaseContext => {
  const readCpu = cpuMeter(stack, DATA_DIR);
  return { stack, s, seconds: SECONDS, settle: () => workerSettled(readCpu), log };
};

async function submitSection(stack: Stack, s: Setup): Promise<string[]> {
  const readCpu = cpuMeter(stack, DATA_DIR);
  const submitLoad = (connections: number) => ({
    url: `${stack.appUrl}/api/v1/requests`,
    connections,
    seconds: SECONDS,
    method: "POST" as const,
    headers: { "content-type": "application/json" },
    clientHeaders: (n: number) => ({ authorization: `Bearer ${s.agents[n % s.agents.length]!.apiKey}` }),
    body: JSON.stringify(SUBMISSION),
  });
  log("work per submission: SQL statements and Redis commands for 200 submissions");
  const body = (i: number) =>
    JSON.stringify({
      action: ACTION,
      payload: { amount: 500 + i, currency: "USD", to: "acct_123" },
      summary: "Pay invoice",
      reasoning: "The user asked me to.",
    });
  const work = await countWork({
    databaseUrl: String(stack.env.DATABASE_URL),
    redisUrl: String(stack.env.REDIS_URL),
    operations: 200,
    settle: () => workerSettled(readCpu),
    run: async () => {
      for (let i = 0; i < 200; i += 8) {
        await Promise.all(
          Array.from({ length: 8 }, (_, j) =>
            fetch(`${stack.appUrl}/api/v1/requests`, {
              method: "POST",
              headers: { authorization: `Bearer ${s.agent.apiKey}`, "content-type": "application/json" },
              body: body(i + j),
            }).then((r) => r.arrayBuffer()),
          ),
        );
      }
    },
  });
  const rows: { concurrency: number; baseline: LoadResult; submit: LoadResult; cpu: CpuReading }[] = [];
  for (const connections of [16, 64, 256]) {
    log(`load at ${connections} connections, ${SECONDS}s each`);
    const baseline = await load({ url: `${stack.appUrl}/api/bench/baseline`, connections, seconds: SECONDS });
    await workerSettled(readCpu);
    const before = readCpu();
    const submit = await load(submitLoad(connections));
    await workerSettled(readCpu);
    rows.push({ concurrency: connections, baseline, submit, cpu: cpuPerRequest(before, readCpu(), submit.total) });
  }
  // Latency without queueing: a closed loop at full load measures mostly the queue (Little's law:
  // latency ≈ connections ÷ throughput), so also time one agent submitting one request at a time.
  log("one agent submitting sequentially");
  const sequential = await load(submitLoad(1));
  await workerSettled(readCpu);
  log("pgbench: one request row + one audit row per transaction, 32 clients");
  const pgTps = pgbenchInsertTps({
    databaseUrl: String(stack.env.DATABASE_URL),
    agentIds: s.pgbenchAgentIds,
    actionTypeId: s.actionTypeId,
    clients: PGBENCH_CLIENTS,
    seconds: SECONDS,
  });
  const at64 = rows.find((r) => r.concurrency === 64);
  const ratio64 = at64 ? at64.submit.rps / at64.baseline.rps : NaN;
  return [
    `## Submit throughput (POST /api/v1/requests, policy → review)`,
    ``,
    `Baselines in the same run: a bare route handler of the same build returning JSON, and pgbench inserting one request row and one audit row per transaction into the same PostgreSQL (32 clients): **${fmt(pgTps)} tx/s**.`,
    ``,
    `| concurrent agents | submit req/s | p50 ms | p99 ms | errors | bare route req/s | submit ÷ bare route | submit ÷ pgbench |`,
    `|---|---|---|---|---|---|---|---|`,
    ...rows.map(
      (r) =>
        `| ${r.concurrency} | ${fmt(r.submit.rps)} | ${fmt(r.submit.p50)} | ${fmt(r.submit.p99)} | ${r.submit.errors} | ${fmt(r.baseline.rps)} | ${fmt(r.submit.rps / r.baseline.rps, 2)} | ${fmt(r.submit.rps / pgTps, 2)} |`,
    ),
    ``,
    `A full closed loop measures mostly the queue (latency ≈ agents ÷ throughput). Without it — one agent submitting one request at a time — a submission takes **p50 ${fmt(sequential.p50)} ms, p99 ${fmt(sequential.p99)} ms** (${fmt(sequential.rps)} req/s, ${sequential.errors} errors).`,
    ``,
    `CPU time per submission, by process (user + system, including the worker's follow-up work — outbox relay, reviewer notifications, timers — measured until it settles):`,
    ``,
    `| concurrent agents | web ms | worker ms | PostgreSQL ms | Redis ms | total ms |`,
    `|---|---|---|---|---|---|`,
    ...rows.map(
      (r) =>
        `| ${r.concurrency} | ${fmt(r.cpu.web, 2)} | ${fmt(r.cpu.worker, 2)} | ${fmt(r.cpu.postgres, 2)} | ${fmt(r.cpu.redis, 2)} | ${fmt(r.cpu.web + r.cpu.worker + r.cpu.postgres + r.cpu.redis, 2)} |`,
    ),
    ``,
    `Work per submission, counted (not timed) over 200 submissions, every process included: **${fmt(work.statements, 1)} SQL statements** and **${fmt(work.redisCommands, 1)} Redis commands**. Most frequent statements per submission:`,
    ``,
    `| per submission | statement |`,
    `|---|---|`,
    ...work.top.slice(0, 25).map((t) => `| ${fmt(t.calls, 2)} | \`${t.text.replaceAll("|", "\\|").replaceAll("`", "'")}\` |`),
    ``,
    `TARGET Submit at 64 concurrent ≥ 0.7× the bare route's throughput with p99 ≤ 50 ms: **${ratio64 >= 0.7 && (at64?.submit.p99 ?? Infinity) <= 50 ? "met" : "not met"}** (${fmt(ratio64, 2)}×, p99 ${fmt(at64?.submit.p99 ?? NaN)} ms).`,
  ];
}

async function waitSection(stack: Stack, s: Setup): Promise<string[]> {
  log("decision → wait with 1,000 open waiters");
  const waits = await decisionToWait({
    appUrl: stack.appUrl,
    databaseUrl: String(stack.env.DATABASE_URL),
    apiKey: s.agent.apiKey,
    action: ACTION,
    cookie: s.cookie,
    waiters: 1000,
  });
  const [oneAtATime, eightAtOnce] = waits.phases;
  return [
    `## Decision to agent (\`wait\` long-poll)`,
    ``,
    `${waits.waiters} \`wait\` calls open at once (${waits.returnedApproved}/${waits.waiters} returned approved); the requests approved through the decision API, half of them one decision at a time, half eight at a time. Latency from the decision's commit (PostgreSQL's commit timestamp) to the waiter's response, and from the decision request being sent (the reviewer's click, so including the decision's own work):`,
    ``,
    `| decisions at once | decided | commit → wait p50 ms | commit → wait p99 ms | click → wait p50 ms | click → wait p99 ms |`,
    `|---|---|---|---|---|---|`,
    ...waits.phases.map(
      (p) => `| ${p.decisionsAtOnce} | ${p.decided} | ${fmt(p.p50)} | ${fmt(p.p99)} | ${fmt(p.clickP50)} | ${fmt(p.clickP99)} |`,
    ),
    ``,
    `Memory the web process retains for the open waiters: **${fmt(waits.extraMemoryMb, 1)} MB** per ${waits.waiters} (JavaScript heap and external memory after a full garbage collection, with them open minus before).`,
    ``,
    `TARGET Decision to \`wait\` p99 ≤ 50 ms: **${oneAtATime!.p99 <= 50 ? "met" : "not met"}** with decisions one at a time (p99 ${fmt(oneAtATime!.p99)} ms); **${eightAtOnce!.p99 <= 50 ? "met" : "not met"}** with eight at once (p99 ${fmt(eightAtOnce!.p99)} ms); 1,000 waiters ≤ 100 MB: **${waits.extraMemoryMb <= 100 ? "met" : "not met"}**.`,
  ];
}

async function webhookSection(stack: Stack, s: Setup): Promise<string[]> {
  log("decision → webhook received, then a burst of deliveries");
  const hooks = await decisionToWebhook({
    appUrl: stack.appUrl,
    databaseUrl: String(stack.env.DATABASE_URL),
    apiKey: s.agent.apiKey,
    action: ACTION,
    cookie: s.cookie,
    requests: 500,
    burst: 2000,
    setEndpoint: async (url) => {
      const { setWebhookEndpoint } = await import("@/lib/domain/webhooks/set-webhook-endpoint.ts");
      await setWebhookEndpoint({ actor: { kind: "cli" }, agentId: s.agent.agentId, input: { url } });
    },
  });
  return [
    `## Decision to webhook`,
    ``,
    `${hooks.decided} pending requests approved through the decision API (8 at a time); the agent's webhook points at a local receiver. From the decision's commit (PostgreSQL's commit timestamp) to the signed event arriving (outbox row → NOTIFY → relay → BullMQ → dispatch job, which makes the first attempt): **p50 ${fmt(hooks.p50)} ms, p99 ${fmt(hooks.p99)} ms** (${hooks.delivered}/${hooks.decided} arrived). Worker throughput: ${hooks.burst} requests allowed by policy, submitted by 32 agents at once; **${fmt(hooks.deliveriesPerSecond)} deliveries/s** from first to last arrival (${hooks.burstDelivered}/${hooks.burst} arrived; one worker process, \`WORKER_CONCURRENCY\` 16, web app and load generator on the same cores).`,
    ``,
    `TARGET Decision to webhook received p99 ≤ 250 ms: **${hooks.p99 <= 250 ? "met" : "not met"}** (p99 ${fmt(hooks.p99)} ms).`,
  ];
}

async function inboxSection(stack: Stack, s: Setup): Promise<string[]> {
  log(`reviewer pages at scale: seeding ${PENDING} pending and ${DECIDED} decided requests`);
  const { applyConfig } = await import("@/lib/domain/config/apply-config.ts");
  const { createAgent } = await import("@/lib/domain/agents/create-agent.ts");
  const { createUser } = await import("@/lib/domain/users/create-user.ts");
  const { db } = await import("@/lib/platform/db.ts");
  const cli = { kind: "cli" } as const;
  const keys = ["scale.pay", "scale.email", "scale.query", "scale.access"];
  await applyConfig({
    actor: cli,
    format: "json",
    source: JSON.stringify({
      actionTypes: keys.map((key, i) => ({
        key,
        name: `Scale ${key.split(".")[1]}`,
        riskLevel: ["high", "medium", "critical", "low"][i],
        recipientField: "/to",
        payloadSchema: { type: "object" },
      })),
      policies: keys.map((action) => ({ action, rules: [{ name: "review", outcome: "review" }] })),
    }),
  });
  const password = "bench-reviewer-password";
  const reviewers = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      createUser({ actor: cli, email: `scale${i}@example.test`, password, role: "reviewer", groups: [i % 2 ? "ops" : "finance"] }),
    ),
  );
  const agents = await Promise.all(
    Array.from({ length: 10 }, (_, i) => createAgent({ actor: cli, name: `scale-agent-${i}`, scopes: ["scale.*"] })),
  );
  const actionTypeIds = (await db().actionType.findMany({ where: { key: { in: keys } }, select: { id: true } })).map((a) => a.id);
  // Whether history slows a submission: a fresh agent's rate before and after the seeding.
  const ctx = caseContext(stack, s);
  const [beforeAgent, afterAgent] = await newAgents(2, "history");
  log("submissions before seeding (one fresh agent, 16 connections)");
  const beforeSeed = await submitLoad(ctx, [beforeAgent!], 16, "review");
  await seedAtScale({
    databaseUrl: String(stack.env.DATABASE_URL),
    pending: PENDING,
    decided: DECIDED,
    reviewerIds: reviewers.map((r) => r.id),
    actionTypeIds,
    agentIds: agents.map((a) => a.agentId),
    log,
  });

  log("submissions after seeding (one fresh agent, 16 connections)");
  const afterSeed = await submitLoad(ctx, [afterAgent!], 16, "review");
  const cookie = await signIn(reviewers[0]!.email, password, stack.appUrl);
  const ids = await sampleRequestIds(String(stack.env.DATABASE_URL), 50);
  log("reviewer pages at scale: timing pages");
  const timings = await timePages({
    appUrl: stack.appUrl,
    cookie,
    samples: 100,
    pages: [
      { name: "inbox (`/inbox`)", paths: ["/inbox"], target: true },
      { name: "inbox by risk (`/inbox?sort=risk`)", paths: ["/inbox?sort=risk"], target: true },
      { name: "inbox by age, high risk only", paths: ["/inbox?sort=age&risk=high"], target: true },
      { name: "request page, pending (`/requests/<id>`)", paths: ids.pending.map((id) => `/requests/${id}`), target: true },
      { name: "request page, decided (`/requests/<id>`)", paths: ids.decided.map((id) => `/requests/${id}`), target: true },
      { name: "history (`/history`)", paths: ["/history"] },
      { name: "history, searching summary words", paths: ["/history?q=INV-4242&period=7d"] },
      { name: "metrics, 7 days (`/metrics?period=7d`)", paths: ["/metrics?period=7d"] },
      { name: "nav counts (`/api/inbox/counts`)", paths: ["/api/inbox/counts"] },
    ],
  });
  await createUser({ actor: cli, email: "scale-auditor@example.test", password, role: "auditor" });
  timings.push(
    ...(await timePages({
      appUrl: stack.appUrl,
      cookie: await signIn("scale-auditor@example.test", password, stack.appUrl),
      samples: 100,
      pages: [{ name: "audit viewer (`/audit`, as an auditor)", paths: ["/audit"] }],
    })),
  );
  for (const t of timings) log(`${t.page}: p50 ${fmt(t.p50, 1)} ms, p95 ${fmt(t.p95, 1)} ms (${t.statuses})`);
  // The statements behind the inbox and request pages, with their plans.
  const actor = { kind: "user", userId: reviewers[0]!.id } as const;
  const { listInbox } = await import("@/lib/domain/reviews/list-inbox.ts");
  const { countInbox } = await import("@/lib/domain/reviews/count-inbox.ts");
  const { getRequestForReviewer } = await import("@/lib/domain/reviews/get-request-for-reviewer.ts");
  const { assessRequestRisk } = await import("@/lib/domain/reviews/assess-request-risk.ts");
  const { listRecentDecisions } = await import("@/lib/domain/reviews/list-recent-decisions.ts");
  const { parseInboxQuery } = await import("@/lib/domain/reviews/inbox-query.ts");
  const { getReviewMetrics } = await import("@/lib/domain/reviews/get-review-metrics.ts");
  const { listHistory } = await import("@/lib/domain/reviews/list-history.ts");
  const { parseHistoryQuery } = await import("@/lib/domain/reviews/history-query.ts");
  const plans = await explainStatements(String(stack.env.DATABASE_URL), async () => {
    await countInbox({ actor });
    await listInbox({ actor });
    await listInbox({ actor, query: parseInboxQuery({ sort: "age", risk: "high" }) });
    const requestId = ids.pending[0]!;
    await getRequestForReviewer({ actor, requestId });
    await assessRequestRisk({ actor, requestId });
    await listRecentDecisions({ actor, requestId });
    await getReviewMetrics({ actor, period: "7d" });
    await listHistory({ actor, query: parseHistoryQuery({ q: "INV-4242", period: "7d" }) });
  });
  const worst = Math.max(...timings.filter((t) => t.target).map((t) => t.p95));
  const metrics = timings.find((t) => t.page.startsWith("metrics"));
  return [
    `## Reviewer pages at scale`,
    ``,
    `${PENDING.toLocaleString("en")} pending and ${DECIDED.toLocaleString("en")} decided requests in the database (with their reviews and audit events; 10 agents, 4 action types, two approving groups), seeded in SQL. One reviewer (group finance, so about 70% of the pending requests are theirs) loads each page ${timings[0]?.samples} times in a row after a warm-up; time to first byte:`,
    ``,
    `| page | p50 ms | p95 ms | answers |`,
    `|---|---|---|---|`,
    ...timings.map((t) => `| ${t.page} | ${fmt(t.p50, 1)} | ${fmt(t.p95, 1)} | ${t.statuses} |`),
    ``,
    `<details><summary>Query plans of the statements behind the inbox and request pages (EXPLAIN ANALYZE)</summary>`,
    ``,
    ...plans.flatMap((p) => ["```sql", p.sql, "```", "```", p.plan, "```", ""]),
    `</details>`,
    ``,
    `A fresh agent submitting for review at 16 connections: ${fmt(beforeSeed.rps)} req/s (p99 ${fmt(beforeSeed.p99)} ms) before the seeding, ${fmt(afterSeed.rps)} req/s (p99 ${fmt(afterSeed.p99)} ms) with it in the table.`,
    ``,
    `TARGET Inbox and request pages at this scale, p95 time to first byte ≤ 200 ms: **${worst <= 200 ? "met" : "not met"}** (worst p95 ${fmt(worst, 1)} ms).`,
    `TARGET Metrics page at this scale p95 ≤ 100 ms: **${(metrics?.p95 ?? Infinity) <= 100 ? "met" : "not met"}** (p95 ${fmt(metrics?.p95 ?? NaN, 1)} ms).`,
    `TARGET Submissions with ${DECIDED.toLocaleString("en")} decided requests in the table ≥ 0.8× without: **${afterSeed.rps / beforeSeed.rps >= 0.8 ? "met" : "not met"}** (${fmt(afterSeed.rps / beforeSeed.rps, 2)}×).`,
  ];
}

const RUNNERS: Record<(typeof SECTIONS)[number], (stack: Stack, s: Setup) => Promise<string[]>> = {
  submit: submitSection,
  cases: (stack, s) => submitCasesSection(caseContext(stack, s)),
  wait: waitSection,
  webhook: webhookSection,
  inbox: inboxSection,
};

async function main() {
  const stack = await startStack({
    name: "bench",
    preferredPorts: { pg: 54349, redis: 63819, web: 3200 },
    // The webhook receiver listens on 127.0.0.1, which the SSRF guard refuses unless allow-listed.
    // One agent submits everything: its limits (rate, pending, breaker) are lifted for the measurement.
    // --expose-gc lets /api/bench/memory collect garbage before it reads the web process's memory.
    env: {
      COUNTERSIGN_BENCH_ROUTES: "1",
      RATE_LIMIT_SUBMITS_PER_MINUTE: "100000000",
      MAX_PENDING_PER_AGENT: "10000",
      BREAKER_THRESHOLD: "0",
      LOG_LEVEL: "error",
      OUTBOUND_ALLOW_CIDRS: "127.0.0.1/32",
      NODE_OPTIONS: ["--expose-gc", process.env.BENCH_NODE_OPTIONS ?? ""].join(" ").trim(),
    },
    log,
  });
  try {
    const s = await setup(stack.env, stack.appUrl);
    const sections: string[][] = [];
    for (const name of SECTIONS) if (ONLY.includes(name)) sections.push(await RUNNERS[name](stack, s));
    const targets = sections
      .flat()
      .filter((l) => l.startsWith("TARGET "))
      .map((l) => `- ${l.slice(7)}`);
    const lines = [
      `# Benchmarks`,
      ``,
      `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${SECONDS} s per load phase.`,
      `Everything on one machine (the load generator shares the cores). Compare the ratios; absolute figures drift between runs. What limits these figures, and where each target stands: [PERFORMANCE.md](PERFORMANCE.md).`,
      ``,
      ...sections.flatMap((lines) => [...lines.filter((l) => !l.startsWith("TARGET ")), ""]),
      `## Against the targets (issues 8 and 15)`,
      ``,
      ...targets,
      ``,
    ];
    const text = lines.join("\n");
    if (ONLY.length === SECTIONS.length) writeFileSync("docs/BENCHMARKS.md", text);
    console.log("\n" + text);
  } finally {
    await stack.stop();
  }
  process.exit(0);
}

main().catch((e) => {
  // A local service that could not start is one line with the fix; anything else, its stack.
  console.error(`bench  | ${failureText(e)}`);
  process.exit(1);
});
