import canonicalize from "canonicalize";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTestActionType, createTestAgent } from "../support/factories.ts";
import { agentApi, call } from "../support/http.ts";
import { pauseAgent } from "@/lib/domain/agents/pause-agent.ts";
import { db } from "@/lib/platform/db.ts";

const transferSchema = {
  type: "object",
  required: ["amount", "currency", "to"],
  additionalProperties: false,
  properties: {
    amount: { type: "number", exclusiveMinimum: 0 },
    currency: { type: "string", enum: ["USD", "EUR"] },
    to: { type: "string" },
  },
};
const rules = [
  { name: "small", when: "payload.amount <= 100", outcome: "allow" },
  { name: "blocked", when: "payload.to == 'acct_blocked'", outcome: "deny" },
  { name: "otherwise", outcome: "review" },
];

async function setup(scopes?: string[]) {
  const { key } = await createTestActionType({ schema: transferSchema, rules });
  const agent = await createTestAgent({ scopes: scopes ?? [key] });
  return { key, agent, api: agentApi(agent.apiKey) };
}

describe("POST /api/v1/requests", () => {
  it("creates a pending request when the policy asks for review", async () => {
    const { key, api } = await setup();
    const payload = { amount: 500, currency: "USD", to: "acct_123" };
    const res = await api.submit({
      action: key,
      payload,
      summary: "Pay INV-1",
      reasoning: "asked to",
      context: { runId: "r1" },
      expiresInSeconds: 600,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      action: key,
      status: "pending",
      payload,
      approvedPayload: null,
      summary: "Pay INV-1",
      requiredApprovals: 1,
      approvals: 0,
      decision: null,
      execution: null,
    });
    const expected = "sha256:" + createHash("sha256").update(canonicalize(payload)!).digest("hex");
    expect(res.body.payloadHash).toBe(expected);
    const ttl = Date.parse(res.body.expiresAt) - Date.parse(res.body.createdAt);
    expect(ttl).toBe(600_000);
  });

  it("approves at once when a policy rule allows, and rejects when one denies", async () => {
    const { key, api } = await setup();
    const allowed = await api.submit({ action: key, payload: { amount: 50, currency: "EUR", to: "acct_1" } });
    expect(allowed.status).toBe(201);
    expect(allowed.body.status).toBe("approved");
    expect(allowed.body.approvedPayload).toEqual({ amount: 50, currency: "EUR", to: "acct_1" });
    expect(allowed.body.decision).toMatchObject({ outcome: "approved", by: "policy", reviewers: [] });
    const denied = await api.submit({ action: key, payload: { amount: 5000, currency: "EUR", to: "acct_blocked" } });
    expect(denied.body.status).toBe("rejected");
    expect(denied.body.decision).toMatchObject({ outcome: "rejected", by: "policy" });
    expect(denied.body.approvedPayload).toBeNull();
  });

  it("fails closed: an evaluation error or no matching rule means review, never allow", async () => {
    const { key } = await createTestActionType({
      rules: [
        { name: "broken", when: "payload.missing > 1", outcome: "allow" },
        { name: "never", when: "false", outcome: "allow" },
      ],
    });
    const agent = await createTestAgent({ scopes: [key] });
    const res = await agentApi(agent.apiKey).submit({ action: key, payload: { amount: 1 } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "pending", requiredApprovals: 1, decision: null });
    const row = await db().approvalRequest.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.policyReason).toMatch(/rule "broken": evaluation error/);

    const { key: noMatch } = await createTestActionType({ rules: [{ name: "never", when: "false", outcome: "allow" }] });
    const other = await createTestAgent({ scopes: [noMatch] });
    const res2 = await agentApi(other.apiKey).submit({ action: noMatch, payload: {} });
    expect(res2.body.status).toBe("pending");
    expect((await db().approvalRequest.findUniqueOrThrow({ where: { id: res2.body.id } })).policyReason).toBe("no rule matched");
  });

  it("refuses payloads that fail the action type's schema, saying where", async () => {
    const { key, api } = await setup();
    const res = await api.submit({ action: key, payload: { amount: -1, currency: "GBP", to: "x", extra: true } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_error");
    const paths = (res.body.error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["/amount", "/currency"]));
  });

  it("refuses malformed JSON, unknown fields and bad types with validation_error", async () => {
    const { key, api } = await setup();
    const malformed = await api.raw("POST", "/api/v1/requests", { raw: "{not json", headers: { "content-type": "application/json" } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("validation_error");
    const unknown = await api.submit({ action: key, payload: { amount: 5, currency: "USD", to: "a" }, surprise: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe("/");
    const missing = await api.submit({ payload: {} });
    expect(missing.status).toBe(400);
    const badTtl = await api.submit({ action: key, payload: { amount: 5, currency: "USD", to: "a" }, expiresInSeconds: 1 });
    expect(badTtl.status).toBe(400);
    const deep = await api.raw("POST", "/api/v1/requests", {
      raw: `{"action":"${key}","payload":${"[".repeat(2000)}${"]".repeat(2000)}}`,
      headers: { "content-type": "application/json" },
    });
    expect(deep.status).toBe(400);
    expect(deep.body.error.code).toBe("validation_error");
    const wrongType = await api.raw("POST", "/api/v1/requests", { raw: "{}", headers: { "content-type": "text/plain" } });
    expect(wrongType.status).toBe(415);
  });

  it("refuses text PostgreSQL cannot store (U+0000, unpaired surrogates) with validation_error, saying where", async () => {
    const { key, api } = await setup(); // /to is a plain (unencrypted) field here: jsonb would refuse U+0000
    const ok = { amount: 500, currency: "USD", to: "acct_1" };
    const cases: [object, string][] = [
      [{ action: key, payload: { ...ok, to: "acct\u0000_1" } }, "/payload/to"],
      [{ action: key, payload: ok, summary: "Pay\u0000" }, "/summary"],
      [{ action: key, payload: ok, context: { "call\u0000": "c1" } }, "/context/call\u0000"],
      [{ action: key, payload: { ...ok, to: "acct_\ud800" } }, "/payload/to"],
      [{ action: key, payload: ok, reasoning: "\udc00 first" }, "/reasoning"],
    ];
    for (const [body, path] of cases) {
      const res = await api.submit(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("validation_error");
      expect(res.body.error.details[0].path).toBe(path);
    }
    // A surrogate pair is a character like any other.
    expect((await api.submit({ action: key, payload: { ...ok, to: "acct_\u{1F600}" } })).status).toBe(201);
  });

  it("refuses ambiguous JSON with 400 instead of rewriting it: repeated keys, __proto__, numbers past double range", async () => {
    const { key, api } = await setup();
    const json = { "content-type": "application/json" };
    const cases: [string, string, RegExp][] = [
      ['{"amount":50,"currency":"USD","to":"acct_1","amount":5000}', "/payload/amount", /appears more than once/],
      ['{"amount":50,"currency":"USD","to":"acct_1","__proto__":{"amount":5000}}', "/payload/__proto__", /__proto__/],
      ['{"amount":1e309,"currency":"USD","to":"acct_1"}', "/payload/amount", /too large/],
    ];
    for (const [payload, path, message] of cases) {
      const res = await api.raw("POST", "/api/v1/requests", { raw: `{"action":"${key}","payload":${payload}}`, headers: json });
      expect(res.status, payload).toBe(400);
      expect(res.body.error).toMatchObject({ code: "validation_error", message: expect.stringMatching(message) });
      expect(res.body.error.details[0].path).toBe(path);
    }
    // Keys that repeat in different objects are not ambiguous.
    const nested = await api.raw("POST", "/api/v1/requests", {
      raw: `{"action":"${key}","payload":{"amount":5,"currency":"USD","to":"acct_1"},"context":{"amount":1}}`,
      headers: json,
    });
    expect(nested.status).toBe(201);
  });

  it("refuses a body declared in another charset than UTF-8 (415) and bytes that are not UTF-8 (400)", async () => {
    const { key, api } = await setup();
    const body = JSON.stringify({ action: key, payload: { amount: 5, currency: "USD", to: "acct_1" } });
    const utf16 = await api.raw("POST", "/api/v1/requests", {
      raw: Buffer.from(body, "utf16le"),
      headers: { "content-type": "application/json; charset=utf-16" },
    });
    expect(utf16.status).toBe(415);
    expect(utf16.body.error.code).toBe("unsupported_media_type");
    // Latin-1 bytes sent as if UTF-8: refused, not stored with U+FFFD in place of the letter.
    const latin1 = await api.raw("POST", "/api/v1/requests", {
      raw: Buffer.from(body.replace("acct_1", "acct_\u00e9"), "latin1"),
      headers: { "content-type": "application/json" },
    });
    expect(latin1.status).toBe(400);
    expect(latin1.body.error.message).toMatch(/UTF-8/);
    const declared = await api.raw("POST", "/api/v1/requests", {
      raw: body,
      headers: { "content-type": 'application/json; charset="UTF-8"' },
    });
    expect(declared.status).toBe(201);
  });

  it("returns 401 without a valid key", async () => {
    const { key } = await setup();
    const none = await call("POST", "/api/v1/requests", { body: { action: key, payload: {} } });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("unauthorized");
    const bad = await agentApi("csk_nope_nope").submit({ action: key, payload: {} });
    expect(bad.status).toBe(401);
  });

  it("returns 403 outside the key's scopes and for a paused agent, 404 for an unknown action", async () => {
    const { key } = await setup();
    const other = await createTestAgent({ scopes: ["email.send"] });
    const outside = await agentApi(other.apiKey).submit({ action: key, payload: { amount: 1, currency: "USD", to: "a" } });
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe("forbidden");

    const wildcard = await createTestAgent({ scopes: ["*"] });
    const unknown = await agentApi(wildcard.apiKey).submit({ action: "nothing.here", payload: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("unknown_action");

    await pauseAgent({ actor: { kind: "cli" }, agentId: wildcard.agentId });
    const paused = await agentApi(wildcard.apiKey).submit({ action: key, payload: { amount: 1, currency: "USD", to: "a" } });
    expect(paused.status).toBe(403);
  });

  it("refuses bodies over the limit with 413, declared or streamed", async () => {
    const { key, api } = await setup();
    const huge = JSON.stringify({ action: key, payload: { amount: 1, currency: "USD", to: "x".repeat(300 * 1024) } });
    const declared = await api.raw("POST", "/api/v1/requests", { raw: huge, headers: { "content-type": "application/json" } });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe("payload_too_large");
    // No Content-Length: a stream that keeps sending must be cut off once it passes the limit.
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 64)
          controller.close(); // 4 MiB at most
        else controller.enqueue(chunk);
      },
    });
    const streamer = (await setup()).agent;
    const res = await fetch(`${process.env.APP_URL}/api/v1/requests`, {
      method: "POST",
      headers: { authorization: `Bearer ${streamer.apiKey}`, "content-type": "application/json" },
      body: stream,
      // @ts-expect-error Node's fetch needs duplex for a streamed body
      duplex: "half",
    }).catch(() => null);
    // The server may answer before the client finishes sending (then fetch may fail on a reset);
    // either way it answered 413 or cut the connection, and nothing was stored.
    expect(res === null || res.status === 413).toBe(true);
    expect(sent).toBeGreaterThan(4); // the body really was larger than the limit when refused
    expect(await db().approvalRequest.count({ where: { agentId: streamer.agentId } })).toBe(0);
  });
});
