import { describe, expect, it } from "vitest";
import { setWebhookEndpoint } from "@/lib/domain/webhooks/set-webhook-endpoint.ts";
import { ApprovalTimeoutError, Countersign, CountersignError, isActionRejection, verifyWebhook } from "@/packages/sdk/index.ts";
import { reviewSetup } from "../support/approvals.ts";
import { startCuttingProxy } from "../support/cutting-proxy.ts";
import { BASE_URL } from "../support/http.ts";
import { eventually, startReceiver } from "../support/webhook-receiver.ts";

const sdk = (apiKey: string, baseUrl = BASE_URL) => new Countersign({ baseUrl, apiKey, retry: { minDelayMs: 100 } });
const settle = () => new Promise((r) => setTimeout(r, 300));

describe("TypeScript SDK against the real server", () => {
  it("approve path: wait resolves with the decision, the receipt verifies, the result is reported", async () => {
    const s = await reviewSetup();
    const cs = sdk(s.agent.apiKey);
    const handle = await cs.requestApproval({
      action: s.key,
      payload: { amount: 500, to: "acct_1" },
      summary: "Pay INV-1",
      reasoning: "asked by user",
    });
    expect(handle.request.status).toBe("pending");
    const waiting = handle.wait({ timeout: 20_000 });
    await settle();
    await s.approve(handle.id);
    const decided = await waiting;
    expect(decided.status).toBe("approved");
    expect(decided.decision?.by).toBe("reviewers");
    const claims = await cs.verifyReceipt(decided.receipt!, decided.approvedPayload, { requestId: handle.id });
    expect(claims.action).toBe(s.key);
    const reported = await handle.reportResult({ status: "succeeded", output: { transferId: "tr_1" } });
    expect(reported.execution).toMatchObject({ status: "succeeded", output: { transferId: "tr_1" } });
    expect((await handle.status()).execution?.status).toBe("succeeded");
  });

  it("guard runs the tool once with the reviewer-edited payload and reports it", async () => {
    const s = await reviewSetup();
    const cs = sdk(s.agent.apiKey);
    const calls: unknown[] = [];
    const transfer = cs.guard(async (args: { amount: number; to: string }) => (calls.push(args), { transferId: `tr_${args.amount}` }), {
      action: s.key,
      summary: (a) => `Transfer ${a.amount} to ${a.to}`,
      output: (r) => r,
    });
    let requestId = "";
    const running = transfer({ amount: 900, to: "acct_9" }, { callId: "call_1", runId: "run_1", onSubmitted: (h) => (requestId = h.id) });
    await eventually(async () => requestId);
    await settle();
    await s.approve(requestId, { amount: 450, to: "acct_9" });
    expect(await running).toEqual({ transferId: "tr_450" });
    expect(calls).toEqual([{ amount: 450, to: "acct_9" }]);
    const after = await s.api.get(requestId);
    expect(after.body.execution).toMatchObject({ status: "succeeded", output: { transferId: "tr_450" } });
  });

  it("reject path: the guarded tool does not run and the LLM gets a structured rejection with the comment", async () => {
    const s = await reviewSetup();
    const cs = sdk(s.agent.apiKey);
    let ran = false;
    const sendEmail = cs.guard(async () => (ran = true), { action: s.key });
    let requestId = "";
    const running = sendEmail({ to: "ceo@example.com" }, { onSubmitted: (h) => (requestId = h.id) });
    await eventually(async () => requestId);
    await settle();
    await s.reject(requestId, "Do not email the CEO directly; go through their assistant.");
    const result = await running;
    expect(ran).toBe(false);
    expect(isActionRejection(result)).toBe(true);
    if (!isActionRejection(result)) throw new Error("unreachable");
    expect(result).toMatchObject({
      status: "rejected",
      decidedBy: "reviewers",
      requestId,
      reviewerComment: "Do not email the CEO directly; go through their assistant.",
    });
    expect(result.message).toContain("NOT executed");
    expect(result.message).toContain('"Do not email the CEO directly; go through their assistant."');
    expect(result.reviewers).toHaveLength(1);
  });

  it("timeout path: wait throws with the pending state; a guard that gives up withdraws its request", async () => {
    const s = await reviewSetup();
    const cs = sdk(s.agent.apiKey);
    const handle = await cs.requestApproval({ action: s.key, payload: { n: 1 } });
    const started = Date.now();
    const err = await handle.wait({ timeout: 1500 }).catch((e) => e);
    expect(err).toBeInstanceOf(ApprovalTimeoutError);
    expect(err.request.status).toBe("pending");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(Date.now() - started).toBeLessThan(6000);

    let ran = false;
    const guarded = cs.guard(async () => (ran = true), { action: s.key, timeout: 1000 });
    const result = await guarded({ n: 2 });
    expect(ran).toBe(false);
    expect(isActionRejection(result) && result.status).toBe("timed_out");
    if (!isActionRejection(result)) throw new Error("unreachable");
    expect((await s.api.get(result.requestId)).body.status).toBe("cancelled");
  });

  it("cancel withdraws a pending request once; a second cancel is a conflict", async () => {
    const s = await reviewSetup();
    const handle = await sdk(s.agent.apiKey).requestApproval({ action: s.key, payload: { n: 1 } });
    const cancelled = await handle.cancel();
    expect(cancelled.status).toBe("cancelled");
    expect(await handle.wait()).toMatchObject({ status: "cancelled" });
    const again = await handle.cancel().catch((e) => e);
    expect(again).toBeInstanceOf(CountersignError);
    expect(again).toMatchObject({ status: 409, code: "conflict" });
  });

  it("the same call id gives the same request (idempotency key derived from the call)", async () => {
    const s = await reviewSetup();
    const cs = sdk(s.agent.apiKey);
    const input = { action: s.key, payload: { n: 1 }, context: { runId: "run_7", callId: "call_3" } };
    const first = await cs.requestApproval(input);
    const second = await cs.requestApproval(input);
    expect(second.id).toBe(first.id);
    expect(second.replayed).toBe(true);
    const other = await cs.requestApproval({ ...input, context: { runId: "run_7", callId: "call_4" } });
    expect(other.id).not.toBe(first.id);
    const conflict = await cs.requestApproval({ ...input, payload: { n: 2 } }).catch((e) => e);
    expect(conflict).toMatchObject({ status: 422, code: "idempotency_conflict" });
  });

  it("retries a submission whose connection dropped after the server acted, without a duplicate", async () => {
    const s = await reviewSetup();
    const proxy = await startCuttingProxy(BASE_URL);
    try {
      const cs = sdk(s.agent.apiKey, proxy.url);
      proxy.cutNext("POST /api/v1/requests ");
      const handle = await cs.requestApproval({ action: s.key, payload: { amount: 42 } });
      expect(proxy.cuts).toBe(1);
      expect(handle.replayed).toBe(true);
      const list = await s.api.list();
      expect(list.body.requests.map((r: { id: string }) => r.id)).toEqual([handle.id]);

      // A lost cancel that took effect is a success on the retry, not a conflict.
      proxy.cutNext(`POST /api/v1/requests/${handle.id}/cancel `);
      expect((await handle.cancel()).status).toBe("cancelled");
      expect(proxy.cuts).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it("verifyWebhook accepts a real delivery and refuses a forged one", async () => {
    const s = await reviewSetup({ rules: [{ name: "all", outcome: "allow" }] });
    const receiver = await startReceiver([200]);
    try {
      const { secret } = await setWebhookEndpoint({ actor: { kind: "cli" }, agentId: s.agent.agentId, input: { url: receiver.url } });
      const handle = await sdk(s.agent.apiKey).requestApproval({ action: s.key, payload: { n: 1 } });
      const [delivery] = await receiver.until((r) => r.length >= 1);
      const event = verifyWebhook(secret!, delivery!.body, delivery!.headers);
      expect(event.type).toBe("request.approved");
      expect(event.data.id).toBe(handle.id);
      expect(event.data.receipt).toBe(handle.request.receipt);
      expect(() => verifyWebhook(secret!, delivery!.body.replace('"approved"', '"rejected"'), delivery!.headers)).toThrow();
      expect(() => verifyWebhook("whsec_" + Buffer.alloc(32, 1).toString("base64"), delivery!.body, delivery!.headers)).toThrow();
    } finally {
      await receiver.close();
    }
  });
});
