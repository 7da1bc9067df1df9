// Issue 13 item 1: an edited payload is a new proposal. It goes through everything a submission
// goes through (schema, argument inspection, budget, policy); a payload a submission could not get
// through is refused with 422 edit_refused and nothing written; otherwise the request needs what
// both the submitted rule and the edit's rule need, and earlier approvals no longer count.
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { setAgentBudget } from "@/lib/domain/limits/set-agent-budget.ts";
import { db } from "@/lib/platform/db.ts";
import { createGuardedActionType, createTestAgent, createTestUser } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";
import { decide, signIn } from "../support/reviewer-session.ts";

const CLI = { kind: "cli" } as const;

// The demo's payments.transfer (prisma/seed/demo-config.yaml), under a key of its own.
const TRANSFER_SCHEMA = {
  type: "object",
  required: ["amount", "currency", "to"],
  additionalProperties: false,
  properties: {
    amount: { type: "number", exclusiveMinimum: 0 },
    currency: { type: "string", enum: ["USD", "EUR"] },
    to: { type: "string", minLength: 1, maxLength: 100 },
    memo: { type: "string", maxLength: 500 },
  },
};
const DEMO_RULES = [
  { name: "small", when: "payload.amount <= 100", outcome: "allow" },
  { name: "large", when: "payload.amount > 1000", outcome: "review", approvals: 1, groups: ["finance"], timeoutSeconds: 7200 },
  { name: "otherwise", outcome: "review" },
];

async function pending(
  options: { rules?: unknown[]; payload?: object; autoRejectFlags?: string[]; budget?: string; ownerEmail?: string } = {},
) {
  const { key } = await createGuardedActionType({
    schema: TRANSFER_SCHEMA,
    rules: options.rules ?? DEMO_RULES,
    allowEdit: true,
    sensitiveFields: ["/to"],
    budgetField: "/amount",
    autoRejectFlags: options.autoRejectFlags,
  });
  const agent = await createTestAgent({ scopes: [key], ownerEmail: options.ownerEmail });
  if (options.budget) await setAgentBudget({ actor: CLI, agentId: agent.agentId, budget: { action: key, limit: options.budget } });
  const api = agentApi(agent.apiKey);
  const created = await api.submit({ action: key, payload: options.payload ?? { amount: 500, currency: "USD", to: "acct_123" } });
  expect(created.status).toBe(201);
  expect(created.body.status).toBe("pending");
  return { key, agent, api, request: created.body as { id: string; payloadHash: string } };
}

async function reviewer(groups?: string[]) {
  const user = await createTestUser({ role: "reviewer", groups });
  return { ...user, cookie: await signIn(user.email, user.password) };
}

/** Everything an edit could write: rows, audit events, outbox events. */
async function footprint(requestId: string) {
  const [row, reviews, audit, outbox] = await Promise.all([
    db().approvalRequest.findUniqueOrThrow({ where: { id: requestId } }),
    db().review.count({ where: { requestId } }),
    db().auditEvent.count({ where: { subject: `request:${requestId}` } }),
    db().outboxEvent.count({ where: { aggregateId: requestId } }),
  ]);
  return {
    status: row.status,
    requiredApprovals: row.requiredApprovals,
    approvals: row.approvals,
    editRuleName: row.editRuleName,
    spendAmount: row.spendAmount?.toString(),
    riskFlags: row.riskFlags,
    reviews,
    audit,
    outbox,
  };
}

describe("edit-then-approve re-evaluates the edited payload", () => {
  it("the issue's reproduction: 500 → 50,000 to another account by a non-finance reviewer is not approved by one press; finance must approve", async () => {
    const { api, request } = await pending();
    const outsider = await reviewer(["ops"]);
    const edited = { amount: 50_000, currency: "USD", to: "acct_999" };
    const res = await decide(outsider.cookie, request.id, { outcome: "approve", payload: edited, payloadHash: request.payloadHash });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "pending", approvals: 0, requiredApprovals: 1 });

    const row = await db().approvalRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(row).toMatchObject({ editRuleName: "large", editGroups: ["finance"], submittedApprovals: 1, approvals: 0 });
    expect(row.spendAmount?.toString()).toBe("50000");
    const review = await db().review.findFirstOrThrow({ where: { requestId: request.id } });
    expect(review.counted).toBe(false);
    const [event] = await db().auditEvent.findMany({ where: { subject: `request:${request.id}`, type: "request.reevaluated" } });
    expect(event!.data).toMatchObject({
      payloadHashes: { from: request.payloadHash, to: review.payloadHash },
      submittedRule: { name: "otherwise", requiredApprovals: 1, groups: [] },
      editRule: { name: "large", outcome: "review", requiredApprovals: 1, groups: ["finance"] },
      combined: { requiredApprovals: 1, approvingGroups: [], editGroups: ["finance"] },
      editorCounted: false,
    });

    // Another reviewer outside finance may no longer decide it at all.
    const other = await reviewer();
    expect((await decide(other.cookie, request.id, { outcome: "approve", payloadHash: review.payloadHash })).status).toBe(403);
    const finance = await reviewer(["finance"]);
    const approved = await decide(finance.cookie, request.id, { outcome: "approve", payloadHash: review.payloadHash });
    expect(approved.body).toMatchObject({ status: "approved", approvals: 1, approvedPayload: edited });
    const seen = await api.get(request.id);
    expect(seen.body.decision.reviewers).toEqual([{ name: finance.name }]);
    const claims = decodeJwt(seen.body.receipt as string) as { approvers: { name: string }[] };
    expect(claims.approvers.map((a) => a.name)).toEqual([finance.name]);
  });

  it("a finance reviewer's own edit into the finance rule counts", async () => {
    const { request } = await pending();
    const finance = await reviewer(["finance"]);
    const res = await decide(finance.cookie, request.id, {
      outcome: "approve",
      payload: { amount: 5000, currency: "USD", to: "acct_123" },
      payloadHash: request.payloadHash,
    });
    expect(res.body).toMatchObject({ status: "approved", approvals: 1 });
  });

  it("refuses an edit into a deny rule with 422 edit_refused and writes nothing", async () => {
    const rules = [{ name: "too big", when: "payload.amount > 10000", outcome: "deny" }, ...DEMO_RULES];
    const { request } = await pending({ rules });
    const before = await footprint(request.id);
    const r = await reviewer(["finance"]);
    const res = await decide(r.cookie, request.id, {
      outcome: "approve",
      payload: { amount: 50_000, currency: "USD", to: "acct_123" },
      payloadHash: request.payloadHash,
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "edit_refused", details: { check: "deny_rule", rule: "too big" } });
    expect(await footprint(request.id)).toEqual(before);
    // The request can still be decided as submitted.
    expect((await decide(r.cookie, request.id, { outcome: "approve", payloadHash: request.payloadHash })).body.status).toBe("approved");
  });

  it("an edit into a rule needing two approvals from another group: the editor's approval does not count, two from that group are needed", async () => {
    const rules = [
      { name: "big", when: "payload.amount > 1000", outcome: "review", approvals: 2, groups: ["treasury"] },
      { name: "otherwise", outcome: "review" },
    ];
    const { request } = await pending({ rules });
    const editor = await reviewer(["ops"]);
    const res = await decide(editor.cookie, request.id, {
      outcome: "approve",
      payload: { amount: 5000, currency: "USD", to: "acct_123" },
      payloadHash: request.payloadHash,
    });
    expect(res.body).toMatchObject({ status: "pending", approvals: 0, requiredApprovals: 2 });
    const hash = (await db().review.findFirstOrThrow({ where: { requestId: request.id } })).payloadHash;
    const [t1, t2, outsider] = await Promise.all([reviewer(["treasury"]), reviewer(["treasury"]), reviewer(["ops"])]);
    expect((await decide(outsider.cookie, request.id, { outcome: "approve", payloadHash: hash })).status).toBe(403);
    expect((await decide(t1.cookie, request.id, { outcome: "approve", payloadHash: hash })).body).toMatchObject({
      status: "pending",
      approvals: 1,
    });
    expect((await decide(t2.cookie, request.id, { outcome: "approve", payloadHash: hash })).body).toMatchObject({
      status: "approved",
      approvals: 2,
    });
  });

  it("the submitted rule still holds: its groups and quorum combine with the edit's rule", async () => {
    const rules = [
      { name: "big", when: "payload.amount > 1000", outcome: "review", approvals: 1, groups: ["treasury"] },
      { name: "ops two", outcome: "review", approvals: 2, groups: ["ops", "treasury"] },
    ];
    const { request } = await pending({ rules });
    const onlyOps = await reviewer(["ops"]);
    const res = await decide(onlyOps.cookie, request.id, {
      outcome: "approve",
      payload: { amount: 2000, currency: "USD", to: "acct_123" },
      payloadHash: request.payloadHash,
    });
    // Higher quorum (2) of either rule; the editor is in the submitted rule's groups but not the edit's.
    expect(res.body).toMatchObject({ status: "pending", approvals: 0, requiredApprovals: 2 });
    const hash = (await db().review.findFirstOrThrow({ where: { requestId: request.id } })).payloadHash;
    const [both1, both2] = await Promise.all([reviewer(["ops", "treasury"]), reviewer(["treasury"])]);
    expect((await decide(both1.cookie, request.id, { outcome: "approve", payloadHash: hash })).body).toMatchObject({
      status: "pending",
      approvals: 1,
    });
    expect((await decide(both2.cookie, request.id, { outcome: "approve", payloadHash: hash })).body).toMatchObject({
      status: "approved",
      approvals: 2,
    });
  });

  it("refuses an edit adding a path.traversal string where the action type auto-rejects it", async () => {
    const { request } = await pending({ autoRejectFlags: ["path.traversal"] });
    const before = await footprint(request.id);
    const r = await reviewer();
    const res = await decide(r.cookie, request.id, {
      outcome: "approve",
      payload: { amount: 500, currency: "USD", to: "acct_123", memo: "see ../../../etc/passwd" },
      payloadHash: request.payloadHash,
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: "edit_refused",
      details: { check: "risk_flag", flags: expect.arrayContaining(["path.traversal"]) },
    });
    expect(await footprint(request.id)).toEqual(before);
  });

  it("refuses an edit that takes the agent over its budget; an edit within it replaces the request's own spend", async () => {
    const { request } = await pending({ budget: "1000" });
    const before = await footprint(request.id);
    const r = await reviewer(["finance"]);
    const over = await decide(r.cookie, request.id, {
      outcome: "approve",
      payload: { amount: 1200, currency: "USD", to: "acct_123" },
      payloadHash: request.payloadHash,
    });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({
      code: "edit_refused",
      details: { check: "budget", budget: { spent: "0", amount: "1200", limit: "1000" } },
    });
    expect(await footprint(request.id)).toEqual(before);
    // 900 fits once the request's own 500 is left out (the edit replaces it).
    const within = await decide(r.cookie, request.id, {
      outcome: "approve",
      payload: { amount: 900, currency: "USD", to: "acct_123" },
      payloadHash: request.payloadHash,
    });
    expect(within.body).toMatchObject({ status: "approved" });
    expect((await footprint(request.id)).spendAmount).toBe("900");
  });

  it("approvals given to an earlier proposal never count for the new one, not even after an edit back", async () => {
    const rules = [{ name: "three", outcome: "review", approvals: 3 }];
    const original = { amount: 500, currency: "USD", to: "acct_123" };
    const { api, request } = await pending({ rules, payload: original });
    const [a, b, c, d, e] = await Promise.all([reviewer(), reviewer(), reviewer(), reviewer(), reviewer()]);
    expect((await decide(a.cookie, request.id, { outcome: "approve", payloadHash: request.payloadHash })).body).toMatchObject({
      approvals: 1,
    });
    const toY = await decide(b.cookie, request.id, {
      outcome: "approve",
      payload: { ...original, amount: 400 },
      payloadHash: request.payloadHash,
    });
    expect(toY.body).toMatchObject({ status: "pending", approvals: 1 });
    const yHash = (await db().review.findFirstOrThrow({ where: { requestId: request.id, reviewerId: b.id } })).payloadHash;
    // Stale: the payload a reviewer saw before the edit can no longer be approved.
    expect((await decide(c.cookie, request.id, { outcome: "approve", payloadHash: request.payloadHash })).status).toBe(409);
    const back = await decide(c.cookie, request.id, { outcome: "approve", payload: original, payloadHash: yHash });
    // Back to the original payload: a's approval of it was given to an earlier proposal.
    expect(back.body).toMatchObject({ status: "pending", approvals: 1 });
    expect((await decide(d.cookie, request.id, { outcome: "approve", payloadHash: request.payloadHash })).body).toMatchObject({
      status: "pending",
      approvals: 2,
    });
    expect((await decide(e.cookie, request.id, { outcome: "approve", payloadHash: request.payloadHash })).body).toMatchObject({
      status: "approved",
      approvals: 3,
    });
    const seen = await api.get(request.id);
    expect(seen.body.decision.reviewers.map((x: { name: string }) => x.name).sort()).toEqual([c.name, d.name, e.name].sort());
  });

  it("a stale hash on an edit is refused before any re-evaluation is written", async () => {
    const { request } = await pending({ rules: [{ name: "two", outcome: "review", approvals: 2 }] });
    const r = await reviewer();
    await decide(r.cookie, request.id, {
      outcome: "approve",
      payload: { amount: 600, currency: "USD", to: "acct_123" },
      payloadHash: request.payloadHash,
    });
    const before = await footprint(request.id);
    const late = await reviewer(["finance"]);
    const res = await decide(late.cookie, request.id, {
      outcome: "approve",
      payload: { amount: 50_000, currency: "USD", to: "acct_9" },
      payloadHash: request.payloadHash,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("stale");
    expect(await footprint(request.id)).toEqual(before);
  });

  it("the owner bar of the edit's rule applies to the editor", async () => {
    const owner = await createTestUser({ role: "reviewer" });
    const rules = [
      { name: "big", when: "payload.amount > 1000", outcome: "review", ownerMayApprove: false },
      { name: "otherwise", outcome: "review", ownerMayApprove: true },
    ];
    const { request } = await pending({ rules, ownerEmail: owner.email });
    const cookie = await signIn(owner.email, owner.password);
    const res = await decide(cookie, request.id, {
      outcome: "approve",
      payload: { amount: 5000, currency: "USD", to: "acct_123" },
      payloadHash: request.payloadHash,
    });
    expect(res.body).toMatchObject({ status: "pending", approvals: 0 });
    expect((await db().approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).ownerMayApprove).toBe(false);
  });

  it("an edit into an allow rule still needs the submitted rule's approval (one press by an eligible reviewer)", async () => {
    const { request } = await pending();
    const r = await reviewer();
    const res = await decide(r.cookie, request.id, {
      outcome: "approve",
      payload: { amount: 50, currency: "USD", to: "acct_123" },
      payloadHash: request.payloadHash,
    });
    expect(res.body).toMatchObject({ status: "approved", approvals: 1, requiredApprovals: 1 });
  });
});
