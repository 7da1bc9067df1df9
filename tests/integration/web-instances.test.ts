// Two web processes of the same build on one database and Redis, as behind a load balancer: what
// one instance does reaches browsers and agents connected to the other (Redis pub/sub), both ways.
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentApi } from "../support/http.ts";
import { startIsolatedStack, type IsolatedStack } from "../support/isolated-stack.ts";
import { openEventStream } from "../support/event-stream.ts";
import { decide, signIn } from "../support/reviewer-session.ts";

let stack: IsolatedStack;

/** multi.act held for review; multi.fresh decided by the policy alone (allow, or deny once changed). */
const instancesConfig = (fresh: "allow" | "deny") =>
  JSON.stringify({
    actionTypes: ["act", "fresh"].map((name) => ({ key: `multi.${name}`, name, riskLevel: "high", payloadSchema: { type: "object" } })),
    policies: [
      { action: "multi.act", rules: [{ name: "review", outcome: "review" }] },
      { action: "multi.fresh", rules: [{ name: fresh, outcome: fresh }] },
    ],
  });
let webA: string;
let webB: string;

beforeAll(async () => {
  stack = await startIsolatedStack("instances", {});
  webA = stack.appUrl;
  webB = await stack.startAnotherWeb();
  writeFileSync("test-results/instances-config.json", instancesConfig("allow"));
  expect((await stack.admin(["config:apply", "--file", "test-results/instances-config.json"])).code).toBe(0);
  expect(
    (await stack.admin(["user:create", "--email", "multi-reviewer@example.test", "--password", "multi-password-1", "--role", "reviewer"]))
      .code,
  ).toBe(0);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe("across web instances", () => {
  it("a submission on one instance reaches an inbox open on the other, and a decision there wakes a wait on the first", async () => {
    const agent = await stack.admin(["agent:create", "--name", "multi-agent", "--scopes", "multi.act"]);
    const onA = agentApi(agent.json.apiKey, webA);
    const cookieB = await signIn("multi-reviewer@example.test", "multi-password-1", webB);
    const inboxOnB = await openEventStream(`${webB}/api/inbox/events`, cookieB);
    expect(inboxOnB.response.status).toBe(200);
    try {
      await inboxOnB.until('"live":true');
      const created = await onA.submit({ action: "multi.act", payload: { n: 1 } });
      expect(created.status).toBe(201);
      await inboxOnB.until(`{"id":"${created.body.id}","kind":"created"}`, 2000);

      const waiting = onA.wait(created.body.id, 30);
      await new Promise((r) => setTimeout(r, 300)); // the wait is parked on instance A
      expect((await decide(cookieB, created.body.id, { outcome: "approve", payloadHash: created.body.payloadHash }, {}, webB)).status).toBe(
        200,
      );
      // Woken by the signal, not by the wait's own 30 s timeout (measured from the decision's
      // answer, with room for a loaded 2-core machine: the first decision on a cold instance can
      // itself take seconds there).
      const decided = Date.now();
      const waited = await waiting;
      expect(waited.body.status).toBe("approved");
      expect(Date.now() - decided).toBeLessThan(5000);
      await inboxOnB.until(`{"id":"${created.body.id}","kind":"closed"}`, 2000);
    } finally {
      inboxOnB.close();
    }
  }, 60_000);
});

// Keys, agents and published policies are cached in each web process (lib/platform/cache): every
// change made anywhere — here by the admin CLI, a process of its own — must hold on both
// instances within a second.
describe("changes take effect on every instance within a second", () => {
  /** Polls both instances until `done` holds for each; returns how long that took. */
  async function bothWithin(ms: number, call: (base: string) => Promise<boolean>): Promise<number> {
    const started = Date.now();
    const pending = new Set([webA, webB]);
    while (pending.size > 0) {
      for (const base of [...pending]) if (await call(base)) pending.delete(base);
      if (pending.size > 0 && Date.now() - started > ms) throw new Error(`not within ${ms} ms on ${[...pending].join(", ")}`);
      if (pending.size > 0) await new Promise((r) => setTimeout(r, 25));
    }
    return Date.now() - started;
  }
  const submitStatus = async (apiKey: string, base: string, payload: unknown = { n: 1 }, action = "multi.fresh") =>
    (await agentApi(apiKey, base).submit({ action, payload })).status;

  async function warmAgent(name: string) {
    const unique = `${name}-${Math.random().toString(36).slice(2, 8)}`;
    const agent = await stack.admin(["agent:create", "--name", unique, "--scopes", "multi.*"]);
    expect(agent.code, agent.stderr).toBe(0);
    // Both instances have the key (and the action type) cached now.
    for (const base of [webA, webB]) expect(await submitStatus(agent.json.apiKey, base)).toBe(201);
    return agent.json as { agentId: string; apiKey: string };
  }

  it("a revoked key, a paused agent and a rotated key are refused on both", async () => {
    const revoked = await warmAgent("fresh-revoke");
    const prefix = revoked.apiKey.split("_")[1]!;
    expect((await stack.admin(["agent:key:revoke", "--agent", revoked.agentId, "--prefix", prefix])).code).toBe(0);
    await bothWithin(1000, async (base) => (await submitStatus(revoked.apiKey, base)) === 401);

    const paused = await warmAgent("fresh-pause");
    expect((await stack.admin(["agent:pause", "--agent", paused.agentId])).code).toBe(0);
    await bothWithin(1000, async (base) => (await submitStatus(paused.apiKey, base)) === 403);
    expect((await stack.admin(["agent:resume", "--agent", paused.agentId])).code).toBe(0);
    await bothWithin(1000, async (base) => (await submitStatus(paused.apiKey, base)) === 201);

    const rotated = await warmAgent("fresh-rotate");
    expect((await stack.admin(["agent:key:rotate", "--agent", rotated.agentId])).code).toBe(0);
    await bothWithin(1000, async (base) => (await submitStatus(rotated.apiKey, base)) === 401);
  }, 60_000);

  it("a limit change and a policy publish hold on both", async () => {
    const limited = await warmAgent("fresh-limits");
    // One pending request, then a maximum of one: the next submission for review is refused.
    expect(await submitStatus(limited.apiKey, webA, { n: 1 }, "multi.act")).toBe(201);
    expect((await stack.admin(["agent:limits:set", "--agent", limited.agentId, "--max-pending", "1"])).code).toBe(0);
    await bothWithin(1000, async (base) => (await submitStatus(limited.apiKey, base, { n: 2 }, "multi.act")) === 429);

    const agent = await warmAgent("fresh-policy");
    writeFileSync("test-results/instances-deny.json", instancesConfig("deny"));
    expect((await stack.admin(["config:apply", "--file", "test-results/instances-deny.json"])).code).toBe(0);
    await bothWithin(1000, async (base) => {
      const r = await agentApi(agent.apiKey, base).submit({ action: "multi.fresh", payload: { n: 3 } });
      return r.status === 201 && r.body.status === "rejected";
    });
  }, 60_000);
});
