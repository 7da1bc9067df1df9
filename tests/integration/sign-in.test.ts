import http from "node:http";
import { describe, expect, it } from "vitest";
import { createTestUser } from "../support/factories.ts";
import { BASE_URL } from "../support/http.ts";

async function rawSignIn(email: string, password: string): Promise<Response> {
  const csrfRes = await fetch(`${BASE_URL}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
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

  it("after 10 failures refuses that email from that address only, even with the right password; its owner elsewhere still gets in", async () => {
    const user = await createTestUser({ role: "reviewer" });
    // The attacker at 127.0.0.2 claims another address in X-Forwarded-For: the socket's counts.
    const attacker = { localAddress: "127.0.0.2", headers: { "x-forwarded-for": "203.0.113.9" } };
    for (let i = 0; i < 10; i++) expect((await signInFrom(user.email, `wrong-${i}`, attacker)).signedIn).toBe(false);
    expect((await signInFrom(user.email, user.password, attacker)).signedIn).toBe(false);
    expect(
      (await signInFrom(user.email, user.password, { localAddress: "127.0.0.2", headers: { "x-forwarded-for": "198.51.100.7" } })).signedIn,
    ).toBe(false);
    // The owner, from another address, is slowed down (the email has 10+ failures), not locked out.
    const started = Date.now();
    expect((await signInFrom(user.email, user.password, { localAddress: "127.0.0.3" })).signedIn).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  }, 60_000);

  it("refuses an address that failed 100 times, whatever the emails", async () => {
    const from = { localAddress: "127.0.0.4" };
    for (let i = 0; i < 100; i++) await signInFrom(`nobody-${i}@example.test`, "wrong", from);
    const user = await createTestUser({ role: "reviewer" });
    expect((await signInFrom(user.email, user.password, from)).signedIn).toBe(false);
    expect((await signInFrom(user.email, user.password, { localAddress: "127.0.0.5" })).signedIn).toBe(true);
  }, 120_000);

  it("answers malformed credentials and callback URLs with fixed codes, never a 500 or internal text", async () => {
    const user = await createTestUser({ role: "reviewer" });
    for (const body of [
      { email: { $ne: 1 }, password: "x" },
      { email: ["a@b.test"], password: "x" },
      { email: "a\u0000@b.test", password: "x" },
      { email: user.email, password: 12 },
    ]) {
      const res = await signInFrom(body.email, body.password, { json: true });
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      expect(res.signedIn).toBe(false);
      expect(res.location, JSON.stringify(body)).toMatch(/[?&]error=CredentialsSignin(&|$)/);
    }
    for (const callbackUrl of ["\\\\evil.test", "/\\evil.test", "https://evil.test/x", "javascript:alert(1)"]) {
      const res = await signInFrom(user.email, user.password, { callbackUrl });
      expect(res.status, callbackUrl).toBeLessThan(500);
      expect(res.signedIn).toBe(true);
      expect(new URL(res.location!).origin, callbackUrl).toBe(new URL(BASE_URL).origin);
      const out = await fetch(`${BASE_URL}/api/auth/signout`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: res.cookie },
        body: new URLSearchParams({ csrfToken: res.csrfToken, callbackUrl, json: "true" }),
      });
      expect(out.status, `sign-out ${callbackUrl}`).toBe(200);
      expect(new URL(((await out.json()) as { url: string }).url).origin).toBe(new URL(BASE_URL).origin);
    }
  });
});

type From = { localAddress?: string; headers?: Record<string, string>; json?: boolean; callbackUrl?: string };

function request(
  method: string,
  path: string,
  from: From,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, BASE_URL.replace("localhost", "127.0.0.1")),
      { method, localAddress: from.localAddress, headers: { ...from.headers, ...headers } },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** A sign-in from a given local address (127.0.0.x), through the real next-auth flow. */
async function signInFrom(email: unknown, password: unknown, from: From = {}) {
  const csrf = await request("GET", "/api/auth/csrf", from, {});
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const jar = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!);
  const fields = { csrfToken, email, password, json: "true", callbackUrl: from.callbackUrl ?? `${BASE_URL}/inbox` };
  const body = from.json ? JSON.stringify(fields) : new URLSearchParams(fields as Record<string, string>).toString();
  const res = await request(
    "POST",
    "/api/auth/callback/credentials",
    from,
    { "content-type": from.json ? "application/json" : "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body,
  );
  const cookies = [...jar, ...(res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!)];
  let location: string | undefined;
  try {
    location = (JSON.parse(res.text) as { url?: string }).url;
  } catch {
    location = res.headers.location;
  }
  return {
    status: res.status,
    location,
    signedIn: cookies.some((c) => c.includes("session-token=")),
    cookie: cookies.join("; "),
    csrfToken,
  };
}
