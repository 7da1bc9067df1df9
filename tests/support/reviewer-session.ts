import { BASE_URL, call } from "./http.ts";

function cookiesFrom(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** Signs in through next-auth's real credentials flow; returns the Cookie header to send. */
export async function signIn(email: string, password: string, baseUrl = BASE_URL): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrfRes);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/inbox`, json: "true" }),
  });
  const all = [...jar, ...cookiesFrom(res)];
  if (!all.some((c) => c.includes("session-token="))) throw new Error(`sign-in failed for ${email} (status ${res.status})`);
  return all.join("; ");
}

/** A reviewer's decision, sent as the browser would (same origin, JSON). */
export function decide(cookie: string, requestId: string, body: unknown, headers: Record<string, string> = {}, baseUrl = BASE_URL) {
  return call("POST", `/api/v1/requests/${requestId}/decision`, {
    body,
    baseUrl,
    headers: { cookie, origin: new URL(baseUrl).origin, ...headers },
  });
}
