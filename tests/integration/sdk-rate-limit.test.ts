import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Countersign, ReceiptVerificationError, verifyReceipt } from "@/packages/sdk/index.ts";
import { agentApi, call } from "../support/http.ts";
import { startIsolatedStack, type IsolatedStack } from "../support/isolated-stack.ts";

// A private stack whose rate limit is 1 submission per agent per minute, so the server answers a
// real 429 with Retry-After, and whose receipts live 60 s, so the minute the SDK waits out also
// lets a real receipt expire.
let stack: IsolatedStack;

beforeAll(async () => {
  stack = await startIsolatedStack("sdk-rate-limit", { RATE_LIMIT_SUBMITS_PER_MINUTE: "1", RECEIPT_TTL_SECONDS: "60" });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 30_000);

describe("SDK retry on 429, and receipt expiry, on a private stack", () => {
  it("honours Retry-After and then submits once; a receipt past its exp fails, and a late result report is still recorded", async () => {
    const config = {
      actionTypes: [{ key: "rl.test", name: "RL", riskLevel: "low", payloadSchema: { type: "object" } }],
      policies: [{ action: "rl.test", rules: [{ name: "all", outcome: "allow" }] }],
    };
    const file = "test-results/sdk-rate-limit-config.json";
    writeFileSync(file, JSON.stringify(config));
    expect((await stack.admin(["config:apply", "--file", file])).code).toBe(0);
    const created = await stack.admin(["agent:create", "--name", "rl-agent", "--scopes", "rl.test"]);
    const apiKey = created.json.apiKey as string;
    const api = agentApi(apiKey, stack.appUrl);

    const first = await api.submit({ action: "rl.test", payload: { n: 1 } });
    expect(first.status).toBe(201);
    expect(first.body.status).toBe("approved");
    const keys = (await call("GET", "/.well-known/jwks.json", { baseUrl: stack.appUrl })).body;
    const claims = await verifyReceipt(first.body.receipt, { n: 1 }, { keys, clockToleranceSeconds: 0 });
    expect(claims.expiresAt.getTime() - claims.issuedAt.getTime()).toBe(60_000);

    const refused = await api.submit({ action: "rl.test", payload: { n: 2 } });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);

    const cs = new Countersign({ baseUrl: stack.appUrl, apiKey });
    const started = Date.now();
    const handle = await cs.requestApproval({ action: "rl.test", payload: { n: 3 } });
    const waited = Date.now() - started;
    expect(handle.request.status).toBe("approved");
    // It waited for the window the server named (less what passed since the refused call), not less.
    expect(waited).toBeGreaterThanOrEqual((retryAfter - 3) * 1000);
    expect((await api.list()).body.requests).toHaveLength(2);

    // The first receipt has now really expired.
    const wait = claims.expiresAt.getTime() + 1500 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const err = await verifyReceipt(first.body.receipt, { n: 1 }, { keys, clockToleranceSeconds: 0 }).catch((e) => e);
    expect(err).toBeInstanceOf(ReceiptVerificationError);
    expect(err.reason).toBe("expired");
    const late = await api.result(first.body.id, { status: "succeeded", receipt: first.body.receipt });
    expect(late.status).toBe(200);
    const [event] = await stack.query<{ data: { receiptExpired: boolean } }>(
      `SELECT data FROM audit_events WHERE type = 'request.executed' AND subject = $1`,
      [`request:${first.body.id}`],
    );
    expect(event?.data.receiptExpired).toBe(true);
  }, 180_000);
});
