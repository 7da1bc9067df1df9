import { describe, expect, it } from "vitest";
import { killAgent } from "@/lib/domain/agents/kill-agent.ts";
import { resumeAgent } from "@/lib/domain/agents/resume-agent.ts";
import { revokeApiKey } from "@/lib/domain/agents/revoke-api-key.ts";
import { updateAgent } from "@/lib/domain/agents/update-agent.ts";
import { parseApiKey } from "@/lib/domain/agents/api-key.ts";
import { updateUser } from "@/lib/domain/users/update-user.ts";
import { db } from "@/lib/platform/db.ts";
import { createTestActionType, createTestAgent, createTestUser } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";
import { decide, signIn } from "../support/reviewer-session.ts";

const CLI = { kind: "cli" } as const;

describe("agent administration", () => {
  it("the kill switch disables the agent and cancels its pending requests, audited with the admin", async () => {
    const { key } = await createTestActionType({});
    const agent = await createTestAgent({ scopes: [key] });
    const api = agentApi(agent.apiKey);
    const pending = await Promise.all([api.submit({ action: key, payload: { i: 1 } }), api.submit({ action: key, payload: { i: 2 } })]);
    const waiting = api.wait(pending[0]!.body.id, 20);
    const admin = await createTestUser({ role: "admin" });
    expect(await killAgent({ actor: { kind: "user", userId: admin.id }, agentId: agent.agentId })).toEqual({
      agentId: agent.agentId,
      cancelled: 2,
    });
    const woke = await waiting;
    expect(woke.body).toMatchObject({ status: "cancelled", decision: { by: "policy" } });
    expect((await api.submit({ action: key, payload: {} })).status).toBe(403);
    const event = await db().auditEvent.findFirstOrThrow({ where: { subject: `agent:${agent.agentId}`, type: "agent.killed" } });
    expect(event).toMatchObject({ actorType: "user", actorId: admin.id });
    await resumeAgent({ actor: CLI, agentId: agent.agentId });
    expect((await api.submit({ action: key, payload: {} })).status).toBe(201);
  });

  it("a reviewer cannot use the kill switch", async () => {
    const agent = await createTestAgent({});
    const reviewer = await createTestUser({ role: "reviewer" });
    const refused = await killAgent({ actor: { kind: "user", userId: reviewer.id }, agentId: agent.agentId }).catch((e) => e);
    expect(refused.code).toBe("forbidden");
  });

  it("changing an agent's scopes takes effect on its next submission, and is audited", async () => {
    const { key } = await createTestActionType({});
    const agent = await createTestAgent({ scopes: [key] });
    const api = agentApi(agent.apiKey);
    expect((await api.submit({ action: key, payload: {} })).status).toBe(201);
    await updateAgent({ actor: CLI, agentId: agent.agentId, scopes: ["email.send"], tags: ["prod"] });
    expect((await api.submit({ action: key, payload: {} })).status).toBe(403);
    const event = await db().auditEvent.findFirstOrThrow({ where: { subject: `agent:${agent.agentId}`, type: "agent.updated" } });
    expect(event.data).toMatchObject({ before: { scopes: [key] }, after: { scopes: ["email.send"], tags: ["prod"] } });
    expect((await updateAgent({ actor: CLI, agentId: agent.agentId, scopes: ["Bad Scope"] }).catch((e) => e)).code).toBe(
      "validation_error",
    );
  });

  it("a revoked key stops working at once", async () => {
    const agent = await createTestAgent({});
    expect((await agentApi(agent.apiKey).list()).status).toBe(200);
    await revokeApiKey({ actor: CLI, agentId: agent.agentId, prefix: parseApiKey(agent.apiKey)!.prefix });
    expect((await agentApi(agent.apiKey).list()).status).toBe(401);
  });
});

describe("user administration", () => {
  it("a disabled reviewer's session decides nothing; groups changes apply at once", async () => {
    const { key } = await createTestActionType({ rules: [{ name: "g", outcome: "review", groups: ["audit-team-x"] }] });
    const api = agentApi((await createTestAgent({ scopes: [key] })).apiKey);
    const created = await api.submit({ action: key, payload: {} });
    const reviewer = await createTestUser({ role: "reviewer" });
    const cookie = await signIn(reviewer.email, reviewer.password);
    const body = { outcome: "approve", payloadHash: created.body.payloadHash };
    expect((await decide(cookie, created.body.id, body)).status).toBe(403);
    await updateUser({ actor: CLI, userId: reviewer.id, groups: ["audit-team-x"] });
    await updateUser({ actor: CLI, userId: reviewer.id, disabled: true });
    expect((await decide(cookie, created.body.id, body)).status).toBe(401);
    await updateUser({ actor: CLI, userId: reviewer.id, disabled: false });
    expect((await decide(cookie, created.body.id, body)).status).toBe(200);
  });

  it("an admin cannot disable or demote themselves", async () => {
    const admin = await createTestUser({ role: "admin" });
    const actor = { kind: "user" as const, userId: admin.id };
    expect((await updateUser({ actor, userId: admin.id, disabled: true }).catch((e) => e)).code).toBe("forbidden");
    expect((await updateUser({ actor, userId: admin.id, role: "reviewer" }).catch((e) => e)).code).toBe("forbidden");
  });
});
