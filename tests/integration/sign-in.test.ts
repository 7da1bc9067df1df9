import { describe, expect, it } from "vitest";
import { createTestUser } from "../support/factories.ts";
import { BASE_URL } from "../support/http.ts";
import { signIn } from "../support/reviewer-session.ts";

async function rawSignIn(email: string, password: string): Promise<Response> {
  const csrfRes = await fetch(`${BASE_URL}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return fetch(`${BASE_URL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
}

describe("sign-in", () => {
  it("sets an HttpOnly, SameSite session cookie for the right password only", async () => {
    const user = await createTestUser({ role: "reviewer" });
    const ok = await rawSignIn(user.email, user.password);
    const session = ok.headers.getSetCookie().find((c) => c.includes("session-token="));
    expect(session).toBeDefined();
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const wrong = await rawSignIn(user.email, "not the password");
    expect(wrong.headers.getSetCookie().some((c) => c.includes("session-token="))).toBe(false);
  });

  it("refuses a login without the CSRF token", async () => {
    const user = await createTestUser({ role: "reviewer" });
    const res = await fetch(`${BASE_URL}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: user.email, password: user.password }),
    });
    expect(res.headers.getSetCookie().some((c) => c.includes("session-token="))).toBe(false);
  });

  it("blocks an email after 10 failed attempts, even with the right password", async () => {
    const user = await createTestUser({ role: "reviewer" });
    for (let i = 0; i < 10; i++) await rawSignIn(user.email, `wrong-${i}`);
    await expect(signIn(user.email, user.password)).rejects.toThrow(/sign-in failed/);
  });
});
