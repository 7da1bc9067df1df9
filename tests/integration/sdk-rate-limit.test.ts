import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Countersign } from "@/lib/sdk/index.ts";
import { agentApi } from "../support/http.ts";
import { startIsolatedStack, type IsolatedStack } from "../support/isolated-stack.ts";

// A private stack whose rate limit is 1 submission per agent per minute, so the server answers a
// real 429 with Retry-After; the SDK must wait that long and then succeed.
let stack: IsolatedStack;

beforeAll(async () => {
  stack = await startIsolatedStack("sdk-rate-limit", { RATE_LIMIT_SUBMITS_PER_MINUTE: "1" });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 30_000);

describe("SDK retry on 429", () => {
  it("honours Retry-After and then submits once", async () => {
    const config = { actionTypes: [{ key: "rl.test", name: "RL", riskLevel: "low", payloadSchema: { type: "object" } }], policies: [{ action: "rl.test", rules: [{ name: "r", outcome: "review" }] }] };
    const fs = await import("node:fs/promises");
    const file = `test-results/sdk-rate-limit-config.json`;
    await fs.writeFile(file, JSON.stringify(config));
    expect((await stack.admin(["config:apply", "--file", file])).code).toBe(0);
    const created = await stack.admin(["agent:create", "--name", "rl-agent", "--scopes", "rl.test"]);
    const apiKey = created.json.apiKey as string;

    const first = await agentApi(apiKey, stack.appUrl).submit({ action: "rl.test", payload: { n: 1 } });
    expect(first.status).toBe(201);
    const refused = await agentApi(apiKey, stack.appUrl).submit({ action: "rl.test", payload: { n: 2 } });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);

    const cs = new Countersign({ baseUrl: stack.appUrl, apiKey });
    const started = Date.now();
    const handle = await cs.requestApproval({ action: "rl.test", payload: { n: 3 } });
    const waited = Date.now() - started;
    expect(handle.request.status).toBe("pending");
    // It waited for the window the server named (less what passed since the refused call), not less.
    expect(waited).toBeGreaterThanOrEqual((retryAfter - 3) * 1000);
    const all = await agentApi(apiKey, stack.appUrl).list();
    expect(all.body.requests).toHaveLength(2);
  }, 150_000);
});
