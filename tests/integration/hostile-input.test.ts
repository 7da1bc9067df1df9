import { describe, expect, it } from "vitest";
import { createTestAgent, createTestUser } from "../support/factories.ts";
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
    for (const [path, cookie] of [["/history?q=%00", asReviewer], ["/history?q=a%00b", asReviewer], ["/audit?subject=%00", asAdmin], ["/audit?actor=%00", asAdmin]] as const) {
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
