import { describe, expect, it } from "vitest";
import { createTestActionType, createTestAgent } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";
import { db } from "@/lib/server/db.ts";

describe("deadlines", () => {
  it("the worker expires a pending request past its deadline, and an open wait learns it", async () => {
    const { key } = await createTestActionType({});
    const agent = await createTestAgent({ scopes: [key] });
    const api = agentApi(agent.apiKey);
    const created = await api.submit({ action: key, payload: { a: 1 }, expiresInSeconds: 60 });
    const waiting = api.wait(created.body.id, 30);
    // Move the deadline into the past rather than sleeping a minute; the sweep does the rest.
    await db().approvalRequest.update({ where: { id: created.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await waiting;
    expect(res.body.status).toBe("expired");
    expect(res.body.decision).toMatchObject({ outcome: "rejected", by: "timeout" });
    const again = await api.cancel(created.body.id);
    expect(again.status).toBe(409);
  });
});
