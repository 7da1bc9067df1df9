import { describe, expect, it } from "vitest";
import { exportAuditEvents } from "@/lib/domain/audit/export-audit-events.ts";
import { getAuditChainStatus } from "@/lib/domain/audit/get-audit-chain-status.ts";
import { listAuditEvents } from "@/lib/domain/audit/list-audit-events.ts";
import { runAuditVerification } from "@/lib/domain/audit/run-audit-verification.ts";
import { setAgentBudget } from "@/lib/domain/limits/set-agent-budget.ts";
import { assessRequestRisk } from "@/lib/domain/reviews/assess-request-risk.ts";
import { getRequestTimeline } from "@/lib/domain/reviews/get-request-timeline.ts";
import { getReviewMetrics } from "@/lib/domain/reviews/get-review-metrics.ts";
import { listHistory } from "@/lib/domain/reviews/list-history.ts";
import { listInbox } from "@/lib/domain/reviews/list-inbox.ts";
import { listRecentDecisions } from "@/lib/domain/reviews/list-recent-decisions.ts";
import { createGuardedActionType, createTestActionType, createTestAgent, createTestUser, setRequestRisk } from "../support/factories.ts";
import { agentApi, call } from "../support/http.ts";
import { openEventStream } from "../support/event-stream.ts";
import { decide, signIn } from "../support/reviewer-session.ts";

const asUser = (id: string) => ({ kind: "user" as const, userId: id });

async function setup(count: number) {
  const { key } = await createTestActionType({});
  const agent = await createTestAgent({ scopes: [key] });
  const api = agentApi(agent.apiKey);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = await api.submit({ action: key, payload: { i }, summary: `req ${i}`, expiresInSeconds: 3600 + (count - i) * 60 });
    ids.push(r.body.id);
  }
  return { key, agent, api, ids };
}

describe("risk context of the request page", () => {
  it("compares a sensitive (encrypted) recipient after opening it, and shows spend against the budget without the request itself", async () => {
    const { key } = await createGuardedActionType({
      schema: { type: "object", properties: { amount: { type: "number" }, to: { type: "string" } } },
      sensitiveFields: ["/to"],
      recipientField: "/to",
      budgetField: "/amount",
      rules: [
        { name: "small", when: "payload.amount <= 10", outcome: "allow" },
        { name: "otherwise", outcome: "review" },
      ],
    });
    const agent = await createTestAgent({ scopes: [key] });
    const api = agentApi(agent.apiKey);
    await setAgentBudget({ actor: { kind: "cli" }, agentId: agent.agentId, budget: { action: key, limit: "1000" } });
    expect((await api.submit({ action: key, payload: { amount: 5, to: "acct_known" } })).body.status).toBe("approved");
    const reviewer = await createTestUser({ role: "reviewer" });
    const known = await api.submit({ action: key, payload: { amount: 300, to: "acct_known" } });
    const fresh = await api.submit({ action: key, payload: { amount: 200, to: "acct_new" } });

    const context = await assessRequestRisk({ actor: asUser(reviewer.id), requestId: known.body.id });
    expect(context.recipient).toEqual({ field: "/to", recipients: [{ value: "acct_known", seenBefore: true }], lookback: 1000 });
    // Spent: the approved 5 and the other pending 200, not this request's own 300.
    expect(context.budget).toMatchObject({ amount: "300", spent: "205", limit: "1000", windowSeconds: null, onExceed: "review" });
    const other = await assessRequestRisk({ actor: asUser(reviewer.id), requestId: fresh.body.id });
    expect(other.recipient?.recipients).toEqual([{ value: "acct_new", seenBefore: false }]);
  });
});

describe("inbox service", () => {
  it("filters, sorts and pages with keyset cursors that cover every request once", async () => {
    const { key, ids } = await setup(5);
    const reviewer = await createTestUser({ role: "reviewer" });
    await setRequestRisk(ids[1]!, ["sql.destructive"]);
    await setRequestRisk(ids[3]!, ["url.punycode"]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listInbox({ actor: asUser(reviewer.id), query: { action: key, sort: "deadline", cursor }, limit: 2 });
      expect(page.total).toBe(5);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    // Soonest deadline first: the last submitted expires first.
    expect(seen).toEqual([...ids].reverse());

    const byRisk = await listInbox({ actor: asUser(reviewer.id), query: { action: key, sort: "risk" } });
    expect(byRisk.items.slice(0, 2).map((i) => i.id)).toEqual([ids[1], ids[3]]);
    const flagged = await listInbox({ actor: asUser(reviewer.id), query: { action: key, sort: "deadline", risk: "flagged" } });
    expect(flagged.items.map((i) => i.id).sort()).toEqual([ids[1], ids[3]].sort());
    const old = await listInbox({ actor: asUser(reviewer.id), query: { action: key, sort: "age", age: "15m" } });
    expect(old.items).toHaveLength(0);
    const byAge = await listInbox({ actor: asUser(reviewer.id), query: { action: key, sort: "age" } });
    expect(byAge.items.map((i) => i.id)).toEqual(ids);
  });

  it("ignores a forged cursor instead of failing", async () => {
    const { key } = await setup(1);
    const reviewer = await createTestUser({ role: "reviewer" });
    const page = await listInbox({
      actor: asUser(reviewer.id),
      query: { action: key, sort: "risk", cursor: Buffer.from('["x",{"a":1}]').toString("base64url") },
    });
    expect(page.items).toHaveLength(1);
  });
});

describe("live inbox endpoints", () => {
  it("streams the ids of new and decided requests to a signed-in reviewer, and refuses anyone else", async () => {
    const { key } = await createTestActionType({});
    const agent = await createTestAgent({ scopes: [key] });
    const reviewer = await createTestUser({ role: "reviewer" });
    const cookie = await signIn(reviewer.email, reviewer.password);
    expect((await call("GET", "/api/inbox/events")).status).toBe(401);

    const stream = await openEventStream(`${process.env.APP_URL}/api/inbox/events`, cookie);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toContain("text/event-stream");
    const { until } = stream;
    try {
      await until('"live":true');
      const created = await agentApi(agent.apiKey).submit({
        action: key,
        payload: { secret: "never-in-the-stream" },
        summary: "not in the stream",
      });
      await until(`{"id":"${created.body.id}","kind":"created"}`);
      // Then from the worker, once the reviewers' notifications exist.
      await until(`{"id":"${created.body.id}","kind":"notified"}`, 15_000);
      await decide(cookie, created.body.id, { outcome: "approve", payloadHash: created.body.payloadHash });
      await until(`{"id":"${created.body.id}","kind":"closed"}`);
      expect(stream.text()).not.toContain("never-in-the-stream");
      expect(stream.text()).not.toContain("not in the stream");
    } finally {
      stream.close();
    }
  });

  it("counts for the navigation badges", async () => {
    const reviewer = await createTestUser({ role: "reviewer" });
    const cookie = await signIn(reviewer.email, reviewer.password);
    const res = await call("GET", "/api/inbox/counts", { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ inbox: expect.any(Number), unread: expect.any(Number) });
    expect((await call("GET", "/api/inbox/counts")).status).toBe(401);
  });
});

describe("history, metrics, timeline", () => {
  it("finds decided requests by id, payload hash and summary words, newest decision first", async () => {
    const { key, ids, api } = await setup(3);
    const reviewer = await createTestUser({ role: "reviewer" });
    const cookie = await signIn(reviewer.email, reviewer.password);
    for (const id of ids) {
      const got = await api.get(id);
      await decide(
        cookie,
        id,
        id === ids[1]
          ? { outcome: "reject", comment: "no", payloadHash: got.body.payloadHash }
          : { outcome: "approve", payloadHash: got.body.payloadHash },
      );
    }
    const actor = asUser(reviewer.id);
    const all = await listHistory({ actor, query: { period: "24h", action: key } });
    expect(all.items.map((i) => i.id)).toEqual([...ids].reverse());
    expect(all.items[0]!.reviewers).toHaveLength(1);
    expect((await listHistory({ actor, query: { period: "24h", action: key, status: "rejected" } })).items.map((i) => i.id)).toEqual([
      ids[1],
    ]);
    expect((await listHistory({ actor, query: { period: "24h", q: ids[2]! } })).items.map((i) => i.id)).toEqual([ids[2]]);
    const hash = (await api.get(ids[0]!)).body.payloadHash;
    expect((await listHistory({ actor, query: { period: "24h", q: hash, action: key } })).items.map((i) => i.id)).toEqual([ids[0]]);
    expect((await listHistory({ actor, query: { period: "24h", q: "REQ 1", action: key } })).items.map((i) => i.id)).toEqual([ids[1]]);
    const paged = await listHistory({ actor, query: { period: "24h", action: key }, limit: 2 });
    const rest = await listHistory({ actor, query: { period: "24h", action: key, cursor: paged.nextCursor! }, limit: 2 });
    expect([...paged.items, ...rest.items].map((i) => i.id)).toEqual([...ids].reverse());
    expect(rest.nextCursor).toBeNull();

    const everything = await getReviewMetrics({ actor, period: "24h" });
    expect(everything.reviewerDecisions).toBeGreaterThanOrEqual(3);
    const metrics = await getReviewMetrics({ actor, period: "24h", action: key });
    expect(metrics.actions.map((a) => a.action)).toEqual([key]);
    const mine = metrics.actions.find((a) => a.action === key)!;
    expect(mine).toMatchObject({ approved: 2, rejected: 1, expired: 0 });
    expect(metrics.timeToDecision.p50).toBeGreaterThanOrEqual(0);
    expect(metrics.buckets.length).toBeGreaterThanOrEqual(24);
    expect(metrics.buckets.reduce((n, b) => n + b.approved, 0)).toBeGreaterThanOrEqual(2);

    const timeline = await getRequestTimeline({ actor, requestId: ids[0]! });
    expect(timeline.map((e) => e.type)).toEqual(["request.created", "review.recorded", "request.approved"]);
    expect(timeline[1]!.actor).toMatch(/^reviewer /);
    expect(timeline[0]!.actor).toMatch(/^agent /);

    const more = await api.submit({ action: key, payload: { i: 9 } });
    const recent = await listRecentDecisions({ actor, requestId: more.body.id });
    expect(recent.map((r) => r.id)).toEqual([...ids].reverse());
  });
});

describe("audit viewer", () => {
  it("is for admins and auditors: filters, exports CSV and JSON Lines, records verification", async () => {
    const { ids, agent } = await setup(1);
    const reviewer = await createTestUser({ role: "reviewer" });
    const auditor = await createTestUser({ role: "auditor" });
    await expect(listAuditEvents({ actor: asUser(reviewer.id), filter: {} })).rejects.toMatchObject({ code: "forbidden" });
    const subject = `request:${ids[0]}`;
    const page = await listAuditEvents({ actor: asUser(auditor.id), filter: { subject } });
    expect(page.items.map((e) => e.type)).toEqual(["request.created"]);
    // Actors are named for people reading the trail; the id stays beside the name.
    expect(page.items[0]).toMatchObject({ actorType: "agent", actorId: agent.agentId, actorName: agent.name });
    const cli = await listAuditEvents({ actor: asUser(auditor.id), filter: { subject: `user:${reviewer.id}` } });
    expect(cli.items[0]).toMatchObject({ actorType: "cli", actorId: null, actorName: null });

    const text = async (format: "csv" | "jsonl") =>
      new Response(await exportAuditEvents({ actor: asUser(auditor.id), filter: { subject }, format })).text();
    const jsonl = (await text("jsonl"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(jsonl).toHaveLength(1);
    expect(jsonl[0]).toMatchObject({ type: "request.created", subject, actorId: agent.agentId, actorName: agent.name });
    const csv = (await text("csv")).trim().split("\n");
    expect(csv[0]).toBe("id,seq,occurredAt,type,actorType,actorId,actorName,subject,data,prevHash,hash");
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(`,agent,${agent.agentId},${agent.name},${subject},`);

    const cookie = await signIn(reviewer.email, reviewer.password);
    expect((await call("GET", "/api/audit/export?format=csv", { headers: { cookie } })).status).toBe(403);
    const auditorCookie = await signIn(auditor.email, auditor.password);
    const http = await call("GET", `/api/audit/export?format=jsonl&subject=${encodeURIComponent(subject)}`, {
      headers: { cookie: auditorCookie },
    });
    expect(http.status).toBe(200);
    expect(http.headers.get("content-disposition")).toMatch(/attachment; filename="countersign-audit-\d+\.jsonl"/);
    expect((await call("GET", "/api/audit/export?format=xml", { headers: { cookie: auditorCookie } })).status).toBe(400);

    const request = (await agentApi(agent.apiKey).get(ids[0]!)).body;
    expect((await decide(cookie, ids[0]!, { outcome: "reject", comment: "no", payloadHash: request.payloadHash })).status).toBe(200);
    const reviewed = await listAuditEvents({ actor: asUser(auditor.id), filter: { subject, type: "review.recorded" } });
    expect(reviewed.items[0]).toMatchObject({ actorType: "user", actorId: reviewer.id, actorName: reviewer.name });

    const result = await runAuditVerification("test");
    expect(result.ok).toBe(true);
    const status = await getAuditChainStatus({ actor: asUser(auditor.id) });
    expect(status.last?.ok).toBe(true);
    expect(Number(status.last?.events)).toBeGreaterThan(0);
  });
});
