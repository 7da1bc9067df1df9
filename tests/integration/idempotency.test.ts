import { describe, expect, it } from "vitest";
import { createTestActionType, createTestAgent } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";
import { db } from "@/lib/platform/db.ts";

async function setup() {
  const { key } = await createTestActionType({});
  const agent = await createTestAgent({ scopes: [key] });
  return { key, agent, api: agentApi(agent.apiKey) };
}

describe("Idempotency-Key", () => {
  it("replays the original status and body for a repeat with the same body", async () => {
    const { key, api } = await setup();
    const body = { action: key, payload: { n: 1 }, summary: "once" };
    const first = await api.submit(body, { "idempotency-key": "call-1" });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const again = await api.submit(body, { "idempotency-key": "call-1" });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
  });

  it("treats the same key with a different body as a conflict (422)", async () => {
    const { key, api } = await setup();
    await api.submit({ action: key, payload: { n: 1 } }, { "idempotency-key": "k" });
    const res = await api.submit({ action: key, payload: { n: 2 } }, { "idempotency-key": "k" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("idempotency_conflict");
  });

  it("scopes keys to the agent", async () => {
    const { key, api } = await setup();
    const other = await createTestAgent({ scopes: [key] });
    const a = await api.submit({ action: key, payload: { n: 1 } }, { "idempotency-key": "shared" });
    const b = await agentApi(other.apiKey).submit({ action: key, payload: { n: 1 } }, { "idempotency-key": "shared" });
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it("creates exactly one request for 20 simultaneous submissions with one key", async () => {
    const { key, api, agent } = await setup();
    const body = { action: key, payload: { n: 42 } };
    const results = await Promise.all(Array.from({ length: 20 }, () => api.submit(body, { "idempotency-key": "burst" })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(19);
    expect(await db().approvalRequest.count({ where: { agentId: agent.agentId } })).toBe(1);
  });

  it("rejects an over-long key", async () => {
    const { key, api } = await setup();
    const res = await api.submit({ action: key, payload: {} }, { "idempotency-key": "x".repeat(256) });
    expect(res.status).toBe(400);
  });
});
