// Two web processes of the same build on one database and Redis, as behind a load balancer: what
// one instance does reaches browsers and agents connected to the other (Redis pub/sub), both ways.
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentApi } from "../support/http.ts";
import { startIsolatedStack, type IsolatedStack } from "../support/isolated-stack.ts";
import { openEventStream } from "../support/event-stream.ts";
import { decide, signIn } from "../support/reviewer-session.ts";

let stack: IsolatedStack;
let webA: string;
let webB: string;

beforeAll(async () => {
  stack = await startIsolatedStack("instances", {});
  webA = stack.appUrl;
  webB = await stack.startAnotherWeb();
  writeFileSync(
    "test-results/instances-config.json",
    JSON.stringify({
      actionTypes: [{ key: "multi.act", name: "Act", riskLevel: "high", payloadSchema: { type: "object" } }],
      policies: [{ action: "multi.act", rules: [{ name: "review", outcome: "review" }] }],
    }),
  );
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
      const started = Date.now();
      expect((await decide(cookieB, created.body.id, { outcome: "approve", payloadHash: created.body.payloadHash }, {}, webB)).status).toBe(
        200,
      );
      const waited = await waiting;
      expect(waited.body.status).toBe("approved");
      // Woken by the signal, not by the wait's own timeout or its once-a-second fallback poll.
      expect(Date.now() - started).toBeLessThan(900);
      await inboxOnB.until(`{"id":"${created.body.id}","kind":"closed"}`, 2000);
    } finally {
      inboxOnB.close();
    }
  }, 60_000);
});
