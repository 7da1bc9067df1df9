// `npm run bench`: measures the gateway against baselines taken in the same run on the same
// machine, prints a table and writes docs/BENCHMARKS.md. Not a test: nothing here passes or fails.
import { writeFileSync } from "node:fs";
import os from "node:os";
import { startStack } from "@/lib/launcher/start-stack.ts";
import { decisionToWait } from "./decision-to-wait.ts";
import { decisionToWebhook } from "./decision-to-webhook.ts";
import { load, pgbenchInsertTps, type LoadResult } from "./submit-throughput.ts";

const log = (line: string) => console.log(`bench  | ${line}`);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ACTION = "bench.transfer";

async function setup(stackEnv: NodeJS.ProcessEnv, appUrl: string) {
  // The services below run in this process against the stack's database and key ring.
  for (const name of ["DATABASE_URL", "ENCRYPTION_KEYS", "OUTBOUND_ALLOW_CIDRS"] as const) process.env[name] = stackEnv[name];
  const { applyConfig } = await import("@/lib/config/apply-config.ts");
  const { createAgent } = await import("@/lib/agents/create-agent.ts");
  const { createUser } = await import("@/lib/users/create-user.ts");
  const { db } = await import("@/lib/server/db.ts");
  const cli = { kind: "cli" } as const;
  await applyConfig({
    actor: cli,
    format: "json",
    source: JSON.stringify({
      actionTypes: [{ key: ACTION, name: "Bench transfer", riskLevel: "high", payloadSchema: { type: "object", required: ["amount", "currency", "to"], properties: { amount: { type: "number" }, currency: { enum: ["USD", "EUR"] }, to: { type: "string" } } } }],
      policies: [{ action: ACTION, rules: [{ name: "small", when: "payload.amount <= 100", outcome: "allow" }, { name: "review", outcome: "review" }] }],
    }),
  });
  const agent = await createAgent({ actor: cli, name: "bench-agent", scopes: [ACTION] });
  const password = "bench-reviewer-password";
  await createUser({ actor: cli, email: "bench@example.test", password, role: "reviewer" });
  const actionType = await db().actionType.findUniqueOrThrow({ where: { key: ACTION } });
  process.env.APP_URL = appUrl; // read by the sign-in helper when it loads
  const { signIn } = await import("../tests/support/reviewer-session.ts");
  const cookie = await signIn("bench@example.test", password);
  return { agent, actionTypeId: actionType.id, cookie };
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "—");

async function main() {
  const stack = await startStack({
    name: "bench",
    preferredPorts: { pg: 54349, redis: 63819, web: 3200 },
    // The webhook receiver listens on 127.0.0.1, which the SSRF guard refuses unless allow-listed.
    // One agent submits everything: its limits (rate, pending, breaker) are lifted for the measurement.
    env: { COUNTERSIGN_BENCH_ROUTES: "1", RATE_LIMIT_SUBMITS_PER_MINUTE: "100000000", MAX_PENDING_PER_AGENT: "100000000", BREAKER_THRESHOLD: "0", LOG_LEVEL: "error", OUTBOUND_ALLOW_CIDRS: "127.0.0.1/32" },
    log,
  });
  try {
    const { agent, actionTypeId, cookie } = await setup(stack.env, stack.appUrl);
    const rows: { concurrency: number; baseline: LoadResult; submit: LoadResult }[] = [];
    for (const connections of [16, 64, 256]) {
      log(`load at ${connections} connections, ${SECONDS}s each`);
      const baseline = await load({ url: `${stack.appUrl}/api/bench/baseline`, connections, seconds: SECONDS });
      const submit = await load({
        url: `${stack.appUrl}/api/v1/requests`,
        connections,
        seconds: SECONDS,
        method: "POST",
        headers: { authorization: `Bearer ${agent.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ action: ACTION, payload: { amount: 500, currency: "USD", to: "acct_123" }, summary: "Pay invoice INV-1042", reasoning: "The user asked me to pay the open invoice." }),
      });
      rows.push({ concurrency: connections, baseline, submit });
    }
    log("pgbench: one request row + one audit row per transaction, 32 clients");
    const pgTps = pgbenchInsertTps({ databaseUrl: String(stack.env.DATABASE_URL), agentId: agent.agentId, actionTypeId, clients: 32, seconds: SECONDS });
    log("decision → wait with 1,000 open waiters");
    const waits = await decisionToWait({ appUrl: stack.appUrl, apiKey: agent.apiKey, action: ACTION, cookie, webPid: stack.app[0]!.child.pid!, waiters: 1000 });
    log("decision → webhook received, then a burst of deliveries");
    const hooks = await decisionToWebhook({
      appUrl: stack.appUrl, apiKey: agent.apiKey, action: ACTION, cookie, requests: 500, burst: 2000,
      setEndpoint: async (url) => {
        const { setWebhookEndpoint } = await import("@/lib/webhooks/set-webhook-endpoint.ts");
        await setWebhookEndpoint({ actor: { kind: "cli" }, agentId: agent.agentId, input: { url } });
      },
    });

    const lines = [
      `# Benchmarks`,
      ``,
      `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
      `Everything on one machine (the load generator shares the cores). Compare the ratios; absolute figures drift between runs.`,
      ``,
      `## Submit throughput (POST /api/v1/requests, policy → review)`,
      ``,
      `Baselines in the same run: a bare route handler of the same build returning JSON, and pgbench inserting one request row and one audit row per transaction into the same PostgreSQL (32 clients): **${fmt(pgTps)} tx/s**.`,
      ``,
      `| concurrent agents | submit req/s | p50 ms | p99 ms | errors | bare route req/s | submit ÷ bare route | submit ÷ pgbench |`,
      `|---|---|---|---|---|---|---|---|`,
      ...rows.map((r) => `| ${r.concurrency} | ${fmt(r.submit.rps)} | ${fmt(r.submit.p50)} | ${fmt(r.submit.p99)} | ${r.submit.errors} | ${fmt(r.baseline.rps)} | ${fmt(r.submit.rps / r.baseline.rps, 2)} | ${fmt(r.submit.rps / pgTps, 2)} |`),
      ``,
      `## Decision to agent (\`wait\` long-poll)`,
      ``,
      `${waits.waiters} \`wait\` calls open at once; each request approved through the decision API (8 at a time). Latency from the decision's commit (\`decidedAt\`) to the waiter's response: **p50 ${fmt(waits.p50)} ms, p99 ${fmt(waits.p99)} ms** (${waits.returnedApproved}/${waits.waiters} returned approved). Extra memory of the web process with the waiters open: **${fmt(waits.extraMemoryMb, 1)} MB** per ${waits.waiters}.`,
      ``,
      `## Decision to webhook`,
      ``,
      `${hooks.decided} pending requests approved through the decision API (8 at a time); the agent's webhook points at a local receiver. From the decision's commit (\`decidedAt\`) to the signed event arriving (outbox row → NOTIFY → relay → BullMQ → delivery job): **p50 ${fmt(hooks.p50)} ms, p99 ${fmt(hooks.p99)} ms** (${hooks.delivered}/${hooks.decided} arrived). Worker throughput: ${hooks.burst} requests allowed by policy, submitted by 32 agents at once; **${fmt(hooks.deliveriesPerSecond)} deliveries/s** from first to last arrival (${hooks.burstDelivered}/${hooks.burst} arrived; one worker process, \`WORKER_CONCURRENCY\` 16, web app and load generator on the same cores).`,
      ``,
      `## Against the targets (issue 8)`,
      ``,
      `- Submit at 64 concurrent ≥ 0.7× the bare route's throughput with p99 ≤ 50 ms: **${rows[1] && rows[1].submit.rps / rows[1].baseline.rps >= 0.7 && rows[1].submit.p99 <= 50 ? "met" : "not met"}** (${fmt((rows[1]?.submit.rps ?? NaN) / (rows[1]?.baseline.rps ?? NaN), 2)}×, p99 ${fmt(rows[1]?.submit.p99 ?? NaN)} ms).`,
      `- Decision to \`wait\` p99 ≤ 50 ms: **${waits.p99 <= 50 ? "met" : "not met"}**; 1,000 waiters ≤ 100 MB: **${waits.extraMemoryMb <= 100 ? "met" : "not met"}**.`,
      `- Decision to webhook received p99 ≤ 250 ms: **${hooks.p99 <= 250 ? "met" : "not met"}** (p99 ${fmt(hooks.p99)} ms).`,
      ``,
      `## Not yet measured`,
      ``,
      `The inbox at 100,000 pending / 1,000,000 decided requests.`,
      ``,
    ];
    const text = lines.join("\n");
    writeFileSync("docs/BENCHMARKS.md", text);
    console.log("\n" + text);
  } finally {
    await stack.stop();
  }
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
