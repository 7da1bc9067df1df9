import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db.ts";
import { createTestActionType, createTestAgent, createTestUser } from "../support/factories.ts";
import { BASE_URL } from "../support/http.ts";
import { signIn } from "../support/reviewer-session.ts";

// Hostile input that used to get a 500, a dropped connection or a cut stream (issue 13, item 3).

async function get(path: string, cookie: string) {
  const res = await fetch(BASE_URL + path, { headers: { cookie }, redirect: "manual" });
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

describe("query parameters holding U+0000", () => {
  it("the history and audit pages drop the parameter instead of failing", async () => {
    const reviewer = await createTestUser({ role: "reviewer" });
    const admin = await createTestUser({ role: "admin" });
    const asReviewer = await signIn(reviewer.email, reviewer.password);
    const asAdmin = await signIn(admin.email, admin.password);
    for (const [path, cookie] of [
      ["/history?q=%00", asReviewer],
      ["/history?q=a%00b", asReviewer],
      ["/audit?subject=%00", asAdmin],
      ["/audit?actor=%00", asAdmin],
    ] as const) {
      const res = await get(path, cookie);
      expect(res.status, path).toBe(200);
      expect(res.type).toContain("text/html");
    }
  });

  it("the audit export refuses it with 400 before streaming, in both formats", async () => {
    const admin = await createTestUser({ role: "admin" });
    const cookie = await signIn(admin.email, admin.password);
    for (const format of ["jsonl", "csv"]) {
      for (const param of ["subject", "actor"]) {
        const res = await get(`/api/audit/export?format=${format}&${param}=%00`, cookie);
        expect(res.status, `${format} ${param}`).toBe(400);
        expect(JSON.parse(res.text).error).toMatchObject({ code: "validation_error", details: [{ path: `/${param}` }] });
      }
    }
    const ok = await get("/api/audit/export?format=csv&subject=x", cookie);
    expect(ok.status).toBe(200);
    expect(ok.text.split("\n")[0]).toMatch(/^id,seq,occurredAt/);
  });
});

describe("malformed agent ids in console URLs", () => {
  it("/admin/agents/not-a-uuid/limits and /webhook answer the 404 page", async () => {
    const admin = await createTestUser({ role: "admin" });
    const cookie = await signIn(admin.email, admin.password);
    const agent = await createTestAgent();
    for (const page of ["limits", "webhook"]) {
      expect((await get(`/admin/agents/not-a-uuid/${page}`, cookie)).status, page).toBe(404);
      expect((await get(`/admin/agents/${agent.agentId}/${page}`, cookie)).status, page).toBe(200);
    }
  });
});

describe("every /api answer carries the JSON error body", () => {
  it("an unknown /api path is a JSON 404 (not_found) for any method", async () => {
    for (const [method, path] of [
      ["GET", "/api/nope"],
      ["POST", "/api/v1/nothing/here"],
      ["DELETE", "/api"],
      ["GET", "/api/v1/requests/0190c0de-0000-7000-8000-000000000000/nope"],
    ] as const) {
      const res = await fetch(BASE_URL + path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
  });

  it("a known path with a method it does not serve is a JSON 405 (method_not_allowed) with Allow", async () => {
    for (const [method, path, allow] of [
      ["DELETE", "/api/v1/requests", "GET, POST, HEAD, OPTIONS"],
      ["GET", "/api/v1/requests/x/cancel", "POST, OPTIONS"],
      ["PUT", "/api/health", "GET, HEAD, OPTIONS"],
      ["PATCH", "/api/mcp", "POST, OPTIONS"],
    ] as const) {
      const res = await fetch(BASE_URL + path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow")).toBe(allow);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
    }
  });
});

describe("server actions", () => {
  /** The id Next.js gave a server action in this build (what the browser sends as Next-Action). */
  function actionId(file: string, name: string): string {
    const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
      node: Record<string, { filename: string; exportedName: string }>;
    };
    const found = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === name);
    if (!found) throw new Error(`no server action ${file}#${name}`);
    return found[0];
  }

  it("a call from a foreign Origin is refused with 403 and the JSON error body, and does nothing", async () => {
    const admin = await createTestUser({ role: "admin" });
    const cookie = await signIn(admin.email, admin.password);
    const agent = await createTestAgent();
    const id = actionId("app/(dashboard)/admin/agents/[id]/webhook/actions.ts", "setWebhookAction");
    const call = (origin: string) =>
      fetch(`${BASE_URL}/admin/agents/${agent.agentId}/webhook`, {
        method: "POST",
        headers: { cookie, origin, "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
        body: JSON.stringify([agent.agentId, { url: "http://127.0.0.1:9/hook", events: [] }]),
      });
    const foreign = await call("https://evil.example");
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect(await db().webhookEndpoint.findUnique({ where: { agentId: agent.agentId } })).toBeNull();
    // The same call from the app's own origin goes through: the id and arguments are right.
    const own = await call(new URL(process.env.APP_URL ?? BASE_URL).origin);
    expect(own.status).toBe(200);
    expect(await db().webhookEndpoint.findUnique({ where: { agentId: agent.agentId } })).not.toBeNull();
  });

  it("arguments of the wrong shape or a malformed id are refused as data (the form shows it), never a 500", async () => {
    const admin = await createTestUser({ role: "admin" });
    const cookie = await signIn(admin.email, admin.password);
    const agent = await createTestAgent();
    const actionType = await createTestActionType();
    const origin = new URL(process.env.APP_URL ?? BASE_URL).origin;
    const cases: [string, string, unknown[]][] = [
      ["webhook", "setWebhookAction", [agent.agentId, null]],
      ["webhook", "setWebhookAction", [agent.agentId, { url: 5, events: "all" }]],
      ["webhook", "rotateWebhookSecretAction", ["not-a-uuid", 10]],
      ["webhook", "redeliverAction", [agent.agentId, { id: 1 }]],
      ["limits", "saveLimitsAction", ["not-a-uuid", {}]],
      ["limits", "removeBudgetAction", [agent.agentId, ["x"]]],
      ["", "killAgentAction", ["not-a-uuid"]],
      ["", "createAgentAction", [{ name: 5 }]],
      ["", "updateAgentAction", [agent.agentId, null]],
      ["", "setAgentRunningAction", ["x' OR 1=1", true]],
      ["users", "createUserAction", [{ email: "a@b.test", name: "", password: "x".repeat(16), role: "reviewer", groups: 5 }]],
      ["users", "updateUserAction", ["not-a-uuid", { disabled: true }]],
      ["users", "setGroupChatAction", ["g", 42]],
      ["policies", "restoreVersionAction", [{ key: 1 }, "one"]],
      ["policies", "publishDraftAction", [["payments.transfer"]]],
    ];
    for (const [page, name, args] of cases) {
      const [path, file] =
        page === "users"
          ? ["/admin/users", "app/(dashboard)/admin/users/actions.ts"]
          : page === "policies"
            ? [`/admin/policies/${actionType.key}`, "app/(dashboard)/admin/policies/[action]/actions.ts"]
            : page
              ? [`/admin/agents/${agent.agentId}/${page}`, `app/(dashboard)/admin/agents/[id]/${page}/actions.ts`]
              : ["/admin/agents", "app/(dashboard)/admin/agents/actions.ts"];
      const res = await fetch(BASE_URL + path, {
        method: "POST",
        headers: {
          cookie,
          origin,
          "next-action": actionId(file, name),
          "content-type": "text/plain;charset=UTF-8",
          accept: "text/x-component",
        },
        body: JSON.stringify(args),
      });
      const text = await res.text();
      expect(res.status, `${name} ${JSON.stringify(args)}`).toBe(200);
      expect(text, name).toContain('"ok":false');
    }
  });
});
