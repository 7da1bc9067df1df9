import { describe, expect, it } from "vitest";
import { createTestActionType, createTestAgent, createTestUser } from "../support/factories.ts";
import { agentApi, call } from "../support/http.ts";
import { decide, signIn } from "../support/reviewer-session.ts";
import { updateUser } from "@/lib/domain/users/update-user.ts";
import { db } from "@/lib/platform/db.ts";

async function pendingRequest(
  options: { rules?: unknown[]; ownerEmail?: string; allowEdit?: boolean; schema?: object; payload?: object } = {},
) {
  const { key } = await createTestActionType({ rules: options.rules, allowEdit: options.allowEdit, schema: options.schema });
  const agent = await createTestAgent({ scopes: [key], ownerEmail: options.ownerEmail });
  const api = agentApi(agent.apiKey);
  const created = await api.submit({ action: key, payload: options.payload ?? { amount: 10 } });
  expect(created.status).toBe(201);
  expect(created.body.status).toBe("pending");
  return { key, agent, api, request: created.body as { id: string; payloadHash: string } };
}

async function reviewer(groups?: string[], role: "reviewer" | "admin" | "auditor" = "reviewer") {
  const user = await createTestUser({ role, groups });
  return { ...user, cookie: await signIn(user.email, user.password) };
}

describe("POST /api/v1/requests/{id}/decision", () => {
  it("approves, and the agent sees the decision with the reviewer's name", async () => {
    const { api, request } = await pendingRequest();
    const r = await reviewer();
    const res = await decide(r.cookie, request.id, { outcome: "approve", comment: "fine", payloadHash: request.payloadHash });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("approved");
    const seen = await api.get(request.id);
    expect(seen.body.decision).toMatchObject({ outcome: "approved", by: "reviewers", comment: "fine" });
    expect(seen.body.decision.reviewers).toHaveLength(1);
    expect(seen.body.approvedPayload).toEqual({ amount: 10 });
  });

  it("needs a comment to reject", async () => {
    const { request } = await pendingRequest();
    const r = await reviewer();
    const bare = await decide(r.cookie, request.id, { outcome: "reject", payloadHash: request.payloadHash });
    expect(bare.status).toBe(400);
    const ok = await decide(r.cookie, request.id, { outcome: "reject", comment: "wrong account", payloadHash: request.payloadHash });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe("rejected");
    expect(ok.body.decision).toMatchObject({ outcome: "rejected", by: "reviewers", comment: "wrong account" });
  });

  it("refuses a comment or an edited payload holding U+0000 with 400, recording nothing", async () => {
    const { api, request } = await pendingRequest({ allowEdit: true });
    const r = await reviewer();
    const comment = await decide(r.cookie, request.id, { outcome: "reject", comment: "no\u0000", payloadHash: request.payloadHash });
    expect(comment.status).toBe(400);
    expect(comment.body.error.details[0].path).toBe("/comment");
    const edited = await decide(r.cookie, request.id, {
      outcome: "approve",
      payload: { amount: 5, note: "\u0000" },
      payloadHash: request.payloadHash,
    });
    expect(edited.status).toBe(400);
    expect(edited.body.error.details[0].path).toBe("/payload/note");
    expect((await api.get(request.id)).body.status).toBe("pending");
  });

  it("answers 409 stale when the payload hash is not the current one", async () => {
    const { request } = await pendingRequest();
    const r = await reviewer();
    const res = await decide(r.cookie, request.id, { outcome: "approve", payloadHash: "sha256:" + "0".repeat(64) });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("stale");
  });

  it("gives exactly one terminal decision to 24 reviewers pressing at once", async () => {
    const { request } = await pendingRequest();
    const reviewers = await Promise.all(Array.from({ length: 24 }, () => reviewer()));
    const results = await Promise.all(
      reviewers.map((r, i) =>
        decide(
          r.cookie,
          request.id,
          i % 2
            ? { outcome: "approve", payloadHash: request.payloadHash }
            : { outcome: "reject", comment: "no", payloadHash: request.payloadHash },
        ),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(23);
    const row = await db().approvalRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(["approved", "rejected"]).toContain(row.status);
    const events = await db().auditEvent.findMany({
      where: { subject: `request:${request.id}`, type: { in: ["request.approved", "request.rejected"] } },
    });
    expect(events).toHaveLength(1);
    expect(await db().review.count({ where: { requestId: request.id } })).toBe(1);
  });

  it("refuses a reviewer demoted after signing in", async () => {
    const { request } = await pendingRequest();
    const r = await reviewer();
    await updateUser({ actor: { kind: "cli" }, userId: r.id, role: "auditor" });
    const res = await decide(r.cookie, request.id, { outcome: "approve", payloadHash: request.payloadHash });
    expect(res.status).toBe(403);
    expect(await db().approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "pending" });
  });

  it("refuses auditors and admins: only reviewers decide", async () => {
    const { request } = await pendingRequest();
    for (const role of ["auditor", "admin"] as const) {
      const u = await reviewer(undefined, role);
      const res = await decide(u.cookie, request.id, { outcome: "approve", payloadHash: request.payloadHash });
      expect(res.status).toBe(403);
    }
  });

  it("refuses an agent's API key, a cross-site origin, a missing origin and a form post", async () => {
    const { agent, request } = await pendingRequest();
    const body = { outcome: "approve", payloadHash: request.payloadHash };
    const withKey = await call("POST", `/api/v1/requests/${request.id}/decision`, {
      body,
      headers: { authorization: `Bearer ${agent.apiKey}`, origin: new URL(process.env.APP_URL!).origin },
    });
    expect(withKey.status).toBe(401);
    const r = await reviewer();
    const crossSite = await decide(r.cookie, request.id, body, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    const noOrigin = await call("POST", `/api/v1/requests/${request.id}/decision`, { body, headers: { cookie: r.cookie } });
    expect(noOrigin.status).toBe(403);
    const form = await call("POST", `/api/v1/requests/${request.id}/decision`, {
      raw: new URLSearchParams({ outcome: "approve" }).toString(),
      headers: { cookie: r.cookie, origin: new URL(process.env.APP_URL!).origin, "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    expect((await db().approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("pending");
  });

  it("bars the agent's owner unless the rule allows it, and keeps to the approving groups", async () => {
    const owner = await reviewer();
    const barred = await pendingRequest({ ownerEmail: owner.email });
    const res = await decide(owner.cookie, barred.request.id, { outcome: "approve", payloadHash: barred.request.payloadHash });
    expect(res.status).toBe(403);
    const allowed = await pendingRequest({ ownerEmail: owner.email, rules: [{ name: "r", outcome: "review", ownerMayApprove: true }] });
    expect((await decide(owner.cookie, allowed.request.id, { outcome: "approve", payloadHash: allowed.request.payloadHash })).status).toBe(
      200,
    );

    const group = `g${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
    const grouped = await pendingRequest({ rules: [{ name: "g", outcome: "review", groups: [group] }] });
    const outsider = await reviewer(["someone-else"]);
    expect(
      (await decide(outsider.cookie, grouped.request.id, { outcome: "approve", payloadHash: grouped.request.payloadHash })).status,
    ).toBe(403);
    const insider = await reviewer([group]);
    expect(
      (await decide(insider.cookie, grouped.request.id, { outcome: "approve", payloadHash: grouped.request.payloadHash })).status,
    ).toBe(200);
  });

  it("needs N distinct approvals; a reviewer reviews at most once; then 409 on a decided request", async () => {
    const { request, api } = await pendingRequest({ rules: [{ name: "two", outcome: "review", approvals: 2 }] });
    const [a, b, c] = await Promise.all([reviewer(), reviewer(), reviewer()]);
    const first = await decide(a.cookie, request.id, { outcome: "approve", payloadHash: request.payloadHash });
    expect(first.body).toMatchObject({ status: "pending", approvals: 1, requiredApprovals: 2 });
    const repeat = await decide(a.cookie, request.id, { outcome: "approve", payloadHash: request.payloadHash });
    expect(repeat.status).toBe(409);
    const second = await decide(b.cookie, request.id, { outcome: "approve", payloadHash: request.payloadHash });
    expect(second.body).toMatchObject({ status: "approved", approvals: 2 });
    expect((await api.get(request.id)).body.decision.reviewers).toHaveLength(2);
    const late = await decide(c.cookie, request.id, { outcome: "reject", comment: "late", payloadHash: request.payloadHash });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("conflict");
  });

  it("with distinct groups, a second approval from the same group does not count; one from another group does", async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const [finance, legal] = [`finance-${tag}`, `legal-${tag}`];
    const { request, api } = await pendingRequest({
      rules: [{ name: "two-groups", outcome: "review", approvals: 2, groups: [finance, legal], distinctGroups: true }],
    });
    const [f1, f2, l1] = await Promise.all([reviewer([finance]), reviewer([finance]), reviewer([legal])]);
    const first = await decide(f1.cookie, request.id, { outcome: "approve", payloadHash: request.payloadHash });
    expect(first.body).toMatchObject({ status: "pending", approvals: 1 });
    const sameGroup = await decide(f2.cookie, request.id, { outcome: "approve", payloadHash: request.payloadHash });
    expect(sameGroup.status).toBe(200);
    expect(sameGroup.body).toMatchObject({ status: "pending", approvals: 1 });
    const otherGroup = await decide(l1.cookie, request.id, { outcome: "approve", payloadHash: request.payloadHash });
    expect(otherGroup.body).toMatchObject({ status: "approved", approvals: 2 });
    const seen = await api.get(request.id);
    expect(seen.body.decision.reviewers).toHaveLength(3);
  });

  it("lets a reviewer edit then approve where the action type allows it, validating the edit", async () => {
    const schema = {
      type: "object",
      required: ["amount"],
      additionalProperties: false,
      properties: { amount: { type: "number", maximum: 1000 } },
    };
    const { request, api } = await pendingRequest({ allowEdit: true, schema, payload: { amount: 900 } });
    const r = await reviewer();
    const invalid = await decide(r.cookie, request.id, { outcome: "approve", payload: { amount: 5000 }, payloadHash: request.payloadHash });
    expect(invalid.status).toBe(400);
    const edited = await decide(r.cookie, request.id, { outcome: "approve", payload: { amount: 250 }, payloadHash: request.payloadHash });
    expect(edited.status).toBe(200);
    const seen = await api.get(request.id);
    expect(seen.body.payload).toEqual({ amount: 900 });
    expect(seen.body.approvedPayload).toEqual({ amount: 250 });

    const ruleForbids = await pendingRequest({
      allowEdit: true,
      schema,
      payload: { amount: 900 },
      rules: [{ name: "no-edit", outcome: "review", allowEdit: false }],
    });
    expect(
      (
        await decide(r.cookie, ruleForbids.request.id, {
          outcome: "approve",
          payload: { amount: 1 },
          payloadHash: ruleForbids.request.payloadHash,
        })
      ).status,
    ).toBe(403);
    const ruleAllows = await pendingRequest({
      allowEdit: false,
      schema,
      payload: { amount: 900 },
      rules: [{ name: "edit", outcome: "review", allowEdit: true }],
    });
    expect(
      (
        await decide(r.cookie, ruleAllows.request.id, {
          outcome: "approve",
          payload: { amount: 1 },
          payloadHash: ruleAllows.request.payloadHash,
        })
      ).status,
    ).toBe(200);

    const locked = await pendingRequest({ allowEdit: false });
    const refused = await decide(r.cookie, locked.request.id, {
      outcome: "approve",
      payload: { amount: 1 },
      payloadHash: locked.request.payloadHash,
    });
    expect(refused.status).toBe(403);
  });

  it("treats an edit that only reorders keys (same RFC 8785 hash) as a plain approval: earlier approvals still count", async () => {
    const payload = { amount: 900, to: "acct_1", memo: { a: 1, b: [1, 2] } };
    const { request, api } = await pendingRequest({ allowEdit: true, payload, rules: [{ name: "two", outcome: "review", approvals: 2 }] });
    const [a, b] = await Promise.all([reviewer(), reviewer()]);
    const first = await decide(a.cookie, request.id, { outcome: "approve", payloadHash: request.payloadHash });
    expect(first.body).toMatchObject({ status: "pending", approvals: 1 });
    const reordered = { memo: { b: [1, 2], a: 1 }, to: "acct_1", amount: 900 };
    const second = await decide(b.cookie, request.id, { outcome: "approve", payload: reordered, payloadHash: request.payloadHash });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: "approved", approvals: 2 });
    const seen = await api.get(request.id);
    expect(seen.body.approvedPayload).toEqual(payload);
    expect(seen.body.decision.reviewers).toHaveLength(2);
    const reviews = await db().review.findMany({ where: { requestId: request.id } });
    expect(reviews.every((r) => r.editedPayload === null && r.payloadHash === request.payloadHash)).toBe(true);
    const recorded = await db().auditEvent.findMany({ where: { subject: `request:${request.id}`, type: "review.recorded" } });
    expect(recorded.map((e) => (e.data as { edited: boolean }).edited)).toEqual([false, false]);

    // Where edits are not allowed, the same payload in another key order is no edit either.
    const locked = await pendingRequest({ allowEdit: false, payload: { amount: 5, to: "acct_2" } });
    const same = await decide(a.cookie, locked.request.id, {
      outcome: "approve",
      payload: { to: "acct_2", amount: 5 },
      payloadHash: locked.request.payloadHash,
    });
    expect(same.status).toBe(200);
    expect(same.body.status).toBe("approved");
  });

  it("answers 404 for an unknown request", async () => {
    const r = await reviewer();
    const res = await decide(r.cookie, "00000000-0000-7000-8000-000000000000", {
      outcome: "approve",
      payloadHash: "sha256:" + "0".repeat(64),
    });
    expect(res.status).toBe(404);
  });
});
