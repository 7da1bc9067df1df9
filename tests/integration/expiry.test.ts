import { describe, expect, it } from "vitest";
import { createTestActionType, createTestAgent } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";
import { db } from "@/lib/platform/db.ts";

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

describe("escalation on timeout", () => {
  it("hands the request to the escalation groups with a new deadline, then expires it at the second", async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const { key } = await createTestActionType({
      rules: [
        {
          name: "esc",
          outcome: "review",
          groups: [`first-${tag}`],
          onTimeout: "escalate",
          escalateToGroups: [`second-${tag}`],
          escalateAfterSeconds: 600,
        },
      ],
    });
    const agent = await createTestAgent({ scopes: [key] });
    const api = agentApi(agent.apiKey);
    const created = await api.submit({ action: key, payload: { a: 1 } });
    await db().approvalRequest.update({ where: { id: created.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    let row = await db().approvalRequest.findUniqueOrThrow({ where: { id: created.body.id } });
    for (let i = 0; i < 50 && !row.escalatedAt; i++) {
      await new Promise((r) => setTimeout(r, 200));
      row = await db().approvalRequest.findUniqueOrThrow({ where: { id: created.body.id } });
    }
    expect(row.status).toBe("pending");
    expect(row.approvingGroups).toEqual([`second-${tag}`]);
    expect(row.expiresAt.getTime() - row.escalatedAt!.getTime()).toBe(600_000);
    expect(await db().auditEvent.count({ where: { subject: `request:${row.id}`, type: "request.escalated" } })).toBe(1);

    await db().approvalRequest.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await api.wait(row.id, 20);
    expect(res.body.status).toBe("expired");
  });
});
