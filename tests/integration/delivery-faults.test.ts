/* eslint-disable @typescript-eslint/no-explicit-any -- tests read loosely typed JSON bodies */
// Delivery under failure, on a private stack (its own Redis and worker) so that stopping Redis or
// killing the worker harms no other test.
import { writeFileSync } from "node:fs";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentApi, call } from "../support/http.ts";
import { startIsolatedStack, type IsolatedStack } from "../support/isolated-stack.ts";
import { decide, signIn } from "../support/reviewer-session.ts";
import { eventually, startReceiver } from "../support/webhook-receiver.ts";

let stack: IsolatedStack;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let api: ReturnType<typeof agentApi>;
let agentId: string;
let reviewer: { email: string; password: string; id: string };

const CONFIG = {
  actionTypes: [
    { key: "fault.pay", name: "Pay (reviewed)", riskLevel: "high", payloadSchema: { type: "object" } },
    { key: "fault.auto", name: "Pay (allowed)", riskLevel: "low", payloadSchema: { type: "object" } },
  ],
  policies: [
    { action: "fault.pay", rules: [{ name: "review", outcome: "review" }] },
    { action: "fault.auto", rules: [{ name: "allow", outcome: "allow" }] },
  ],
};

/** Request ids named in the webhook bodies received so far, with how often each came. */
function receivedByRequest(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of receiver.received) {
    const id = JSON.parse(r.body).data.id as string;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

beforeAll(async () => {
  receiver = await startReceiver([200], { delayMs: 50 });
  stack = await startIsolatedStack("faults", {
    OUTBOUND_ALLOW_CIDRS: "127.0.0.1/32",
    RATE_LIMIT_SUBMITS_PER_MINUTE: "100000",
    // The Redis-down test rejects 100 requests of one agent: the circuit breaker would rightly
    // pause it. Delivery is under test here; the breaker has its own tests (guardrails.test.ts).
    BREAKER_THRESHOLD: "0",
    WEBHOOK_RETRY_SCHEDULE: "500ms,1s,1s,2s,2s,5s,5s,10s",
    WEBHOOK_TIMEOUT_MS: "2000",
    WORKER_LOCK_MS: "3000",
    DELIVERY_SWEEP_INTERVAL_MS: "1000",
    OUTBOX_REQUEUE_AFTER_MS: "1000",
    MIN_REQUEST_TTL_SECONDS: "1",
    // The sweep is slowed down so that expiry below can only come from the request's own timer.
    EXPIRY_SWEEP_INTERVAL_MS: "600000",
    REMINDER_BEFORE_EXPIRY_SECONDS: "2",
    SMTP_URL: "",
  });
  const configFile = "test-results/faults-config.json";
  writeFileSync(configFile, JSON.stringify(CONFIG));
  expect((await stack.admin(["config:apply", "--file", configFile])).code).toBe(0);
  const user = await stack.admin([
    "user:create",
    "--email",
    "faults-reviewer@example.test",
    "--password",
    "faults-password-1",
    "--role",
    "reviewer",
  ]);
  reviewer = { email: "faults-reviewer@example.test", password: "faults-password-1", id: user.json.id };
  const agent = await stack.admin(["agent:create", "--name", "faults-agent", "--scopes", "fault.*"]);
  agentId = agent.json.agentId;
  api = agentApi(agent.json.apiKey, stack.appUrl);
  const hook = await stack.admin(["agent:webhook:set", "--agent", agentId, "--url", receiver.url]);
  expect(hook.json.secret).toMatch(/^whsec_/);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

describe("timers", () => {
  it("expires a request at its deadline through its own timer, not the sweep, and tells the agent's webhook", async () => {
    const started = Date.now();
    const created = await api.submit({ action: "fault.pay", payload: { n: "expire" }, expiresInSeconds: 2 });
    expect(created.status).toBe(201);
    const waited = await api.wait(created.body.id, 15);
    expect(waited.body.status).toBe("expired");
    expect(waited.body.decision).toMatchObject({ by: "timeout" });
    expect(Date.now() - started).toBeLessThan(6000);
    await receiver.until(() => receivedByRequest().has(created.body.id));
  });

  it("notifies the reviewer in the app at submission and reminds them before the deadline", async () => {
    const created = await api.submit({ action: "fault.pay", payload: { n: "remind" }, expiresInSeconds: 4 });
    const kinds = async () =>
      (
        await stack.query<{ kind: string }>(`SELECT kind FROM notifications WHERE "userId" = $1 AND "requestId" = $2`, [
          reviewer.id,
          created.body.id,
        ])
      )
        .map((r) => r.kind)
        .sort();
    await eventually(async () => (await kinds()).includes("request.pending"), 5000, "pending notification");
    await eventually(async () => (await kinds()).includes("request.reminder"), 6000, "reminder");
    expect(await kinds()).toEqual(["request.pending", "request.reminder"]);
  });
});

describe("a worker killed mid-delivery", () => {
  it("leaves nothing undelivered: the restarted worker delivers the rest", async () => {
    const slow = receiver;
    const before = slow.received.length;
    const ids: string[] = [];
    await inBatches(
      Array.from({ length: 40 }, (_, i) => i),
      10,
      async (i) => {
        const res = await api.submit({ action: "fault.auto", payload: { n: `kill-${i}` } });
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      },
    );
    await slow.until((r) => r.length >= before + 5, 20_000);
    await stack.killWorkers();
    const atKill = receivedByRequest();
    // The kill really came mid-way: some events were still to be delivered.
    expect(ids.filter((id) => !atKill.has(id)).length).toBeGreaterThan(0);
    stack.startWorker();
    await eventually(async () => ids.every((id) => receivedByRequest().has(id)), 60_000, "all 40 delivered after the kill");
  }, 90_000);
});

describe("Redis loses its jobs", () => {
  it("relays again every outbox event whose dispatch job vanished or failed for good, and all are delivered", async () => {
    expect(await stack.stopWorkers()).toEqual([0]);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await api.submit({ action: "fault.auto", payload: { n: `lost-${i}` } });
      expect(res.body.status).toBe("approved");
      ids.push(res.body.id);
    }
    // As if the relay had queued them and Redis then lost the jobs (no persistence, a failover):
    // the rows say `queued`, Redis has nothing under their ids.
    const rows = await stack.query<{ id: string }>(
      `UPDATE outbox_events SET state = 'queued', "queuedAt" = now(), attempts = attempts + 1
       WHERE state = 'pending' AND "aggregateId" = ANY($1) RETURNING id`,
      [ids],
    );
    expect(rows).toHaveLength(10);
    // Half of them have a job that will fail for good instead (a payload the worker refuses).
    const delivery = new Queue("delivery", { connection: { url: String(stack.env.REDIS_URL) } });
    try {
      for (const row of rows.slice(0, 5)) await delivery.add("outbox.dispatch", { outboxId: "not-an-id" }, { jobId: row.id, attempts: 1 });
    } finally {
      await delivery.close();
    }
    stack.startWorker();
    await eventually(async () => ids.every((id) => receivedByRequest().has(id)), 60_000, "all 10 delivered after their jobs were lost");
    // The dispatch marks its row done once the attempt it makes is recorded.
    await eventually(
      async () => {
        const states = await stack.query<{ state: string }>(`SELECT state::text FROM outbox_events WHERE id = ANY($1)`, [
          rows.map((r) => r.id),
        ]);
        return states.every((r) => r.state === "done");
      },
      10_000,
      "every outbox row done",
    );
  }, 90_000);
});

describe("a worker stopped with SIGTERM", () => {
  it("finishes the delivery in flight, records it, then exits", async () => {
    // Answers after 1.5 s, within this stack's WEBHOOK_TIMEOUT_MS (2 s).
    const slow = await startReceiver([200], { delayMs: 1500 });
    try {
      const agent = await stack.admin(["agent:create", "--name", "sigterm-agent", "--scopes", "fault.*"]);
      expect((await stack.admin(["agent:webhook:set", "--agent", agent.json.agentId, "--url", slow.url])).code).toBe(0);
      const created = await agentApi(agent.json.apiKey, stack.appUrl).submit({ action: "fault.auto", payload: { n: "sigterm" } });
      expect(created.body.status).toBe("approved");
      await slow.until((r) => r.length === 1);
      // The receiver holds its answer: the attempt is in flight when the worker is told to stop.
      expect(await stack.stopWorkers()).toEqual([0]);
      const [delivery] = await stack.query<any>(
        `SELECT d.state, d.attempts, array_agg(a.status) AS statuses FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d."endpointId"
         LEFT JOIN webhook_attempts a ON a."deliveryId" = d.id WHERE e."agentId" = $1 GROUP BY d.id`,
        [agent.json.agentId],
      );
      expect(delivery).toMatchObject({ state: "delivered", attempts: 1, statuses: [200] });
    } finally {
      stack.startWorker();
      await slow.close();
    }
  }, 60_000);
});

describe("Redis down", () => {
  it("keeps submissions and decisions working, reports degraded health, and delivers every event once Redis is back", async () => {
    const cookie = await signIn(reviewer.email, reviewer.password, stack.appUrl);
    await stack.stopRedis();
    try {
      const health = await eventually(
        async () => {
          const h = await call("GET", "/api/health", { baseUrl: stack.appUrl });
          return h.body.redis === "down" ? h : null;
        },
        10_000,
        "health to notice",
      );
      expect(health.body).toMatchObject({ status: "degraded", db: "ok", redis: "down" });

      const ids: string[] = [];
      const statuses: number[] = [];
      await inBatches(
        Array.from({ length: 200 }, (_, i) => i),
        20,
        async (i) => {
          const submitted = await api.submit({ action: "fault.pay", payload: { n: `redis-down-${i}` } });
          statuses.push(submitted.status);
          if (submitted.status !== 201) return;
          ids.push(submitted.body.id);
          const verdict =
            i % 2
              ? { outcome: "approve", payloadHash: submitted.body.payloadHash }
              : { outcome: "reject", comment: "not now", payloadHash: submitted.body.payloadHash };
          const decided = await decide(cookie, submitted.body.id, verdict, {}, stack.appUrl);
          statuses.push(decided.status);
        },
      );
      expect(statuses.filter((s) => s !== 201 && s !== 200)).toEqual([]);
      expect(ids).toHaveLength(200);
      const pendingInOutbox = await stack.query<{ n: string }>(`SELECT count(*) AS n FROM outbox_events WHERE state = 'pending'`);
      expect(Number(pendingInOutbox[0]!.n)).toBeGreaterThanOrEqual(200);
      expect(ids.filter((id) => receivedByRequest().has(id))).toEqual([]);

      await stack.startRedis();
      await eventually(async () => ids.every((id) => receivedByRequest().has(id)), 60_000, "every decision delivered after Redis returned");
      const counts = receivedByRequest();
      const duplicates = ids.reduce((n, id) => n + (counts.get(id)! - 1), 0);
      console.log(
        `Redis-down fault test: 200 requests submitted and decided while Redis was down; ${ids.length} events delivered, 0 lost, ${duplicates} duplicate deliveries`,
      );
      const back = await eventually(
        async () => {
          const h = await call("GET", "/api/health", { baseUrl: stack.appUrl });
          return h.body.status === "ok" ? h : null;
        },
        10_000,
        "health to recover",
      );
      expect(back.body).toMatchObject({ status: "ok", redis: "ok" });
    } finally {
      await stack.startRedis().catch(() => {});
    }
  }, 180_000);
});

describe("retention", () => {
  it("purges payloads and reasoning of decided requests, keeps hashes and pending requests, and the audit chain still verifies", async () => {
    const decided = await api.submit({
      action: "fault.auto",
      payload: { secret: "canary-payload-7731" },
      reasoning: "canary-reasoning-7731",
    });
    const pending = await api.submit({ action: "fault.pay", payload: { keep: true }, reasoning: "still waiting" });
    expect(decided.body.status).toBe("approved");
    const purge = await stack.admin(["retention:purge", "--older-than-days", "0"]);
    expect(purge.code).toBe(0);
    expect(purge.json.purged).toBeGreaterThanOrEqual(1);

    const [row] = await stack.query<any>(
      `SELECT payload, "approvedPayload", reasoning, "payloadHash", "purgedAt" FROM approval_requests WHERE id = $1`,
      [decided.body.id],
    );
    expect(row).toMatchObject({ payload: null, approvedPayload: null, reasoning: null, payloadHash: decided.body.payloadHash });
    expect(row.purgedAt).not.toBeNull();
    const seen = await api.get(decided.body.id);
    expect(seen.body).toMatchObject({ status: "approved", payload: null, payloadHash: decided.body.payloadHash });
    const [kept] = await stack.query<any>(`SELECT payload, reasoning FROM approval_requests WHERE id = $1`, [pending.body.id]);
    // Kept — the reasoning encrypted at rest, as every reasoning is (docs/SECRETS.md).
    expect(kept.payload).toEqual({ keep: true });
    expect(kept.reasoning).toMatch(/^enc1\./);
    const leftovers = await stack.query(
      `SELECT 1 FROM approval_requests WHERE payload::text LIKE '%canary-payload-7731%' OR reasoning LIKE '%canary-reasoning-7731%'`,
    );
    expect(leftovers).toEqual([]);

    const verify = await stack.admin(["audit:verify"]);
    expect(verify.code).toBe(0);
    expect(verify.json.ok).toBe(true);
  }, 60_000);
});
