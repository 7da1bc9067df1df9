import { describe, expect, it } from "vitest";
import { createTestActionType, createTestAgent, createTestUser } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";
import { decide, signIn } from "../support/reviewer-session.ts";

async function setup(rules?: unknown[]) {
  const { key } = await createTestActionType(rules ? { rules } : {});
  const agent = await createTestAgent({ scopes: [key] });
  return { key, agent, api: agentApi(agent.apiKey) };
}

describe("reading, waiting, cancelling and reporting", () => {
  it("GET returns the agent's own request and 404 for anyone else's or a malformed id", async () => {
    const { key, api } = await setup();
    const created = await api.submit({ action: key, payload: { a: 1 } });
    const got = await api.get(created.body.id);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);
    const stranger = await createTestAgent({ scopes: [key] });
    const foreign = await agentApi(stranger.apiKey).get(created.body.id);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("not_found");
    expect((await api.get("not-a-uuid")).status).toBe(400);
  });

  it("lists newest first, filters by status and pages with a cursor", async () => {
    const { key, api } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await api.submit({ action: key, payload: { i } })).body.id);
    await api.cancel(ids[0]!);
    const page1 = await api.list("?limit=2");
    expect(page1.status).toBe(200);
    expect(page1.body.requests.map((r: { id: string }) => r.id)).toEqual([ids[4], ids[3]]);
    const page2 = await api.list(`?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.requests.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    const page3 = await api.list(`?limit=2&cursor=${page2.body.nextCursor}`);
    expect(page3.body.requests.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect(page3.body.nextCursor).toBeNull();
    const cancelled = await api.list("?status=cancelled");
    expect(cancelled.body.requests.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect((await api.list("?status=bogus")).status).toBe(400);
    expect((await api.list("?limit=1000")).status).toBe(400);
  });

  it("wait returns the pending state after its timeout, and at once for a decided request", async () => {
    const { key, api } = await setup([
      { name: "ok", when: "payload.ok == true", outcome: "allow" },
      { name: "else", outcome: "review" },
    ]);
    const pending = await api.submit({ action: key, payload: { ok: false } });
    const started = Date.now();
    const waited = await api.wait(pending.body.id, 1);
    expect(waited.status).toBe(200);
    expect(waited.body.status).toBe("pending");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const allowed = await api.submit({ action: key, payload: { ok: true } });
    const quick = Date.now();
    expect((await api.wait(allowed.body.id, 30)).body.status).toBe("approved");
    expect(Date.now() - quick).toBeLessThan(1000);
    expect((await api.wait(pending.body.id, 61)).status).toBe(400);
  });

  it("an open wait returns within a fraction of a second of the decision", async () => {
    const { key, api } = await setup();
    const reviewer = await createTestUser({ role: "reviewer" });
    const cookie = await signIn(reviewer.email, reviewer.password);
    const created = await api.submit({ action: key, payload: { x: 1 } });
    const waiting = api.wait(created.body.id, 30).then((r) => ({ r, at: Date.now() }));
    await new Promise((r) => setTimeout(r, 300)); // let the wait subscribe
    const decidedAt = Date.now();
    const decision = await decide(cookie, created.body.id, { outcome: "approve", payloadHash: created.body.payloadHash });
    expect(decision.status).toBe(200);
    const { r, at } = await waiting;
    expect(r.body.status).toBe("approved");
    expect(at - decidedAt).toBeLessThan(1000);
  });

  it("cancel moves a pending request to cancelled once; then 409", async () => {
    const { key, api } = await setup();
    const created = await api.submit({ action: key, payload: {} });
    const cancelled = await api.cancel(created.body.id);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    expect(cancelled.body.decision).toMatchObject({ outcome: "rejected", by: "agent" });
    const again = await api.cancel(created.body.id);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
  });

  it("result is accepted once, only for approved requests", async () => {
    const { key, api } = await setup([{ name: "all", outcome: "allow" }]);
    const approved = await api.submit({ action: key, payload: { go: 1 } });
    expect(approved.body.status).toBe("approved");
    const { receipt } = approved.body;
    expect(receipt).toEqual(expect.any(String));
    const bad = await api.result(approved.body.id, { status: "done", receipt });
    expect(bad.status).toBe(400);
    const noReceipt = await api.result(approved.body.id, { status: "succeeded" });
    expect(noReceipt.status).toBe(400);
    expect(noReceipt.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "/receipt" })]));
    const ok = await api.result(approved.body.id, { status: "succeeded", output: { txn: "t_1" }, receipt });
    expect(ok.status).toBe(200);
    expect(ok.body.execution).toMatchObject({ status: "succeeded", output: { txn: "t_1" }, error: null });
    const twice = await api.result(approved.body.id, { status: "failed", error: "late", receipt });
    expect(twice.status).toBe(409);

    const { key: reviewKey, api: reviewApi } = await setup();
    const pending = await reviewApi.submit({ action: reviewKey, payload: {} });
    expect((await reviewApi.result(pending.body.id, { status: "succeeded", receipt })).status).toBe(409);
  });
});
