// The per-agent rate limit holds across web instances: two web processes of the same build on one
// database and Redis never admit more than the limit between them — with Redis up (shared count
// in Redis) and with Redis down (shared count in PostgreSQL). A private stack, so that stopping
// its Redis harms no other test.
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentApi, call } from "../support/http.ts";
import { startIsolatedStack, type IsolatedStack } from "../support/isolated-stack.ts";
import { eventually } from "../support/webhook-receiver.ts";

let stack: IsolatedStack;
let urls: string[];

beforeAll(async () => {
  stack = await startIsolatedStack("ratelimit", { RATE_LIMIT_SUBMITS_PER_MINUTE: "100000", BREAKER_THRESHOLD: "0" });
  urls = [stack.appUrl, await stack.startAnotherWeb()];
  writeFileSync(
    "test-results/ratelimit-config.json",
    JSON.stringify({
      actionTypes: [{ key: "rl.act", name: "Act", riskLevel: "low", payloadSchema: { type: "object" } }],
      policies: [{ action: "rl.act", rules: [{ name: "review", outcome: "review" }] }],
    }),
  );
  expect((await stack.admin(["config:apply", "--file", "test-results/ratelimit-config.json"])).code).toBe(0);
}, 120_000);

afterAll(async () => {
  await stack?.startRedis().catch(() => {});
  await stack?.stop();
});

async function agentWithLimit(name: string, perMinute: number) {
  const created = await stack.admin(["agent:create", "--name", name, "--scopes", "rl.act"]);
  expect(created.code).toBe(0);
  expect((await stack.admin(["agent:limits:set", "--agent", created.json.agentId, "--submits-per-minute", String(perMinute)])).code).toBe(
    0,
  );
  return created.json.apiKey as string;
}

/** `total` submissions, alternating between the two web processes, 20 in flight at a time. */
async function burst(apiKey: string, total: number) {
  const apis = urls.map((u) => agentApi(apiKey, u));
  const results: { status: number; retryAfter: string | null; via: number }[] = [];
  for (let i = 0; i < total; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, total - i) }, async (_, j) => {
        const via = (i + j) % 2;
        const res = await apis[via]!.submit({ action: "rl.act", payload: { n: i + j } });
        results.push({ status: res.status, retryAfter: res.headers.get("retry-after"), via });
      }),
    );
  }
  return results;
}

describe("rate limit across two web processes", () => {
  it("never admits more than the agent's limit between them", async () => {
    const results = await burst(await agentWithLimit("rl-redis", 30), 90);
    const admitted = results.filter((r) => r.status === 201);
    expect(admitted).toHaveLength(30);
    expect(new Set(admitted.map((r) => r.via))).toEqual(new Set([0, 1]));
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 429 && Number(r.retryAfter) > 0)).toBe(true);
    console.log(`two web processes, limit 30/min: ${admitted.length} of 90 admitted, ${refused.length} answered 429`);
  });

  it("keeps holding with Redis down: the count moves to PostgreSQL, still shared", async () => {
    const apiKey = await agentWithLimit("rl-pg", 12);
    await stack.stopRedis();
    try {
      for (const baseUrl of urls)
        await eventually(async () => (await call("GET", "/api/health", { baseUrl })).body.redis === "down", 10_000, "health to notice");
      const results = await burst(apiKey, 40);
      expect(results.filter((r) => r.status === 201)).toHaveLength(12);
      expect(results.filter((r) => r.status === 429)).toHaveLength(28);
      const counters = await stack.query<{ key: string; points: number }>(`SELECT key, points FROM rate_limit_counters`);
      expect(counters.map((c) => c.points)).toContain(40);
    } finally {
      await stack.startRedis();
    }
  }, 60_000);
});
