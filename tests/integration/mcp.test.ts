import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, it } from "vitest";
import { verifyReceipt } from "@/packages/sdk/index.ts";
import { reviewSetup } from "../support/approvals.ts";
import { BASE_URL, call } from "../support/http.ts";

type View = { id: string; status: string; approvedPayload: unknown; receipt: string | null; decision: { comment: string | null } | null };

async function connect(apiKey: string) {
  const client = new Client({ name: "countersign-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL("/api/mcp", BASE_URL), {
    requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
  });
  await client.connect(transport);
  return client;
}

const text = (r: object) => ((r as { content?: { text?: string }[] }).content ?? []).map((c) => c.text ?? "").join("\n");

describe("MCP server at /api/mcp (official SDK client)", () => {
  it("lists the three tools and runs request_approval → get_request → wait_for_decision end to end", async () => {
    const s = await reviewSetup();
    const client = await connect(s.agent.apiKey);
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(tools).toEqual(["get_request", "request_approval", "wait_for_decision"]);

      const submitted = await client.callTool({
        name: "request_approval",
        arguments: {
          action: s.key,
          payload: { amount: 700, to: "acct_5" },
          summary: "Pay 700",
          reasoning: "invoice due",
          context: { callId: "c1" },
        },
      });
      expect(submitted.isError).toBeFalsy();
      const pending = submitted.structuredContent as View;
      expect(pending.status).toBe("pending");
      expect(text(submitted)).toContain("pending human review");

      const got = await client.callTool({ name: "get_request", arguments: { id: pending.id } });
      expect((got.structuredContent as View).id).toBe(pending.id);

      const stillPending = await client.callTool({ name: "wait_for_decision", arguments: { id: pending.id, timeoutSeconds: 1 } });
      expect((stillPending.structuredContent as View).status).toBe("pending");

      const waiting = client.callTool({ name: "wait_for_decision", arguments: { id: pending.id, timeoutSeconds: 30 } });
      await new Promise((r) => setTimeout(r, 500));
      await s.approve(pending.id, { amount: 650, to: "acct_5" });
      const decided = await waiting;
      const view = decided.structuredContent as View;
      expect(view.status).toBe("approved");
      expect(view.approvedPayload).toEqual({ amount: 650, to: "acct_5" });
      expect(text(decided)).toContain("Execute exactly approvedPayload");
      const keys = (await call("GET", "/.well-known/jwks.json")).body;
      await verifyReceipt(view.receipt!, { amount: 650, to: "acct_5" }, { keys, requestId: pending.id });
    } finally {
      await client.close();
    }
  });

  it("a rejection reads as a rejection with the reviewer's comment; bad input and foreign ids are tool errors", async () => {
    const s = await reviewSetup();
    const client = await connect(s.agent.apiKey);
    try {
      const submitted = await client.callTool({ name: "request_approval", arguments: { action: s.key, payload: { n: 1 } } });
      const id = (submitted.structuredContent as View).id;
      await s.reject(id, "Wrong account.");
      const decided = await client.callTool({ name: "wait_for_decision", arguments: { id } });
      expect((decided.structuredContent as View).status).toBe("rejected");
      expect(text(decided)).toContain('"Wrong account."');
      expect(text(decided)).toContain("NOT executed");

      const unknown = await client.callTool({ name: "request_approval", arguments: { action: "nope.nothing", payload: {} } });
      expect(unknown.isError).toBe(true);
      expect(text(unknown)).toContain("forbidden");

      // The REST body's edge checks apply to tool arguments too: a tool error the model can act on.
      let deep: unknown = "x";
      for (let i = 0; i < 100; i++) deep = { a: deep };
      for (const payload of [{ n: deep }, { n: "a\u0000b" }]) {
        const refused = await client.callTool({ name: "request_approval", arguments: { action: s.key, payload } });
        expect(refused.isError).toBe(true);
        expect(text(refused)).toMatch(/^validation_error: /);
      }

      const other = await reviewSetup();
      const foreign = await client.callTool({
        name: "get_request",
        arguments: { id: (await other.api.submit({ action: other.key, payload: {} })).body.id },
      });
      expect(foreign.isError).toBe(true);
      expect(text(foreign)).toContain("not_found");
    } finally {
      await client.close();
    }
  });

  it("arguments that fail a tool's own input schema are validation_error tool errors, not MCP error -32602", async () => {
    const s = await reviewSetup();
    const client = await connect(s.agent.apiKey);
    try {
      const pending = (await client.callTool({ name: "request_approval", arguments: { action: s.key, payload: { n: 1 } } }))
        .structuredContent as View;
      const calls = [
        { name: "wait_for_decision", arguments: { id: pending.id, timeoutSeconds: 51 }, path: "/timeoutSeconds" },
        { name: "get_request", arguments: { id: "not-a-uuid" }, path: "/id" },
        { name: "request_approval", arguments: { action: "Not A Key", payload: { n: 1 } }, path: "/action" },
        { name: "request_approval", arguments: { action: s.key, payload: "not an object" }, path: "/payload" },
        { name: "request_approval", arguments: { action: s.key, payload: { n: 1 }, expiresInSeconds: 59 }, path: "/expiresInSeconds" },
      ];
      // The tool states the same shortest deadline as the REST document (MIN_REQUEST_TTL_SECONDS, 60 here).
      const submitTool = (await client.listTools()).tools.find((t) => t.name === "request_approval");
      expect((submitTool?.inputSchema.properties as Record<string, { minimum?: number }>).expiresInSeconds?.minimum).toBe(60);
      for (const c of calls) {
        const refused = await client.callTool({ name: c.name, arguments: c.arguments });
        expect(refused.isError, c.name).toBe(true);
        expect(text(refused)).toMatch(/^validation_error: /);
        expect(text(refused)).not.toContain("-32602");
        const details = JSON.parse(text(refused).slice(text(refused).indexOf("[")));
        expect(details).toEqual(expect.arrayContaining([expect.objectContaining({ path: c.path, message: expect.any(String) })]));
      }
    } finally {
      await client.close();
    }
  });

  it("refuses a missing or wrong API key with 401, a foreign Origin with 403, and GET with 405", async () => {
    const list = { jsonrpc: "2.0", id: 1, method: "tools/list" };
    const accept = { accept: "application/json, text/event-stream" };
    const res = await call("POST", "/api/mcp", { body: list, headers: accept });
    expect(res.status).toBe(401);
    await expect(connect("csk_bogus_key")).rejects.toThrow();
    const s = await reviewSetup();
    const auth = { ...accept, authorization: `Bearer ${s.agent.apiKey}` };
    expect((await call("POST", "/api/mcp", { body: list, headers: { ...auth, origin: "https://evil.example" } })).status).toBe(403);
    expect((await call("GET", "/api/mcp", { headers: auth })).status).toBe(405);
  });

  it("refuses ambiguous JSON with 400 instead of rewriting it: a repeated key, __proto__, a number past double range", async () => {
    const s = await reviewSetup();
    const headers = {
      accept: "application/json, text/event-stream",
      "content-type": "application/json",
      authorization: `Bearer ${s.agent.apiKey}`,
    };
    const callTool = (payload: string) =>
      `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"request_approval","arguments":{"action":"${s.key}","payload":${payload}}}}`;
    for (const [payload, message] of [
      ['{"amount":50,"amount":5000}', /"amount" appears more than once/],
      ['{"__proto__":{"amount":5000}}', /__proto__/],
      ['{"amount":1e309}', /too large/],
    ] as const) {
      const res = await call("POST", "/api/mcp", { raw: callTool(payload), headers });
      expect(res.status, payload).toBe(400);
      expect(res.body).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32700, message: expect.stringMatching(message) } });
    }
    const utf16 = await call("POST", "/api/mcp", {
      raw: callTool('{"amount":5}'),
      headers: { ...headers, "content-type": "application/json; charset=utf-16" },
    });
    expect(utf16.status).toBe(415);
    // Nothing was stored from any of them; the same call with an unambiguous payload goes through.
    const ok = await call("POST", "/api/mcp", { raw: callTool('{"amount":5}'), headers });
    expect(ok.status).toBe(200);
    expect(ok.body.result.structuredContent.payload).toEqual({ amount: 5 });
  });
});
