/* eslint-disable @typescript-eslint/no-explicit-any -- tests read loosely typed JSON bodies */
// Thin HTTP helpers for integration tests: they talk to the real, running app over HTTP.
export const BASE_URL = process.env.APP_URL ?? "http://localhost:3100";

export type ApiResponse<T = any> = { status: number; headers: Headers; body: T };

export async function call<T = any>(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: unknown; raw?: BodyInit; baseUrl?: string } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...init.headers };
  let body: BodyInit | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await fetch((init.baseUrl ?? BASE_URL) + path, { method, headers, body, redirect: "manual" });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** An agent client: every call carries its API key. */
export function agentApi(apiKey: string, baseUrl = BASE_URL) {
  const auth = { authorization: `Bearer ${apiKey}` };
  return {
    submit: (body: unknown, headers: Record<string, string> = {}) =>
      call("POST", "/api/v1/requests", { body, headers: { ...auth, ...headers }, baseUrl }),
    get: (id: string) => call("GET", `/api/v1/requests/${id}`, { headers: auth, baseUrl }),
    list: (query = "") => call("GET", `/api/v1/requests${query}`, { headers: auth, baseUrl }),
    wait: (id: string, timeout = 5) => call("GET", `/api/v1/requests/${id}/wait?timeout=${timeout}`, { headers: auth, baseUrl }),
    cancel: (id: string) => call("POST", `/api/v1/requests/${id}/cancel`, { headers: auth, baseUrl }),
    result: (id: string, body: unknown) => call("POST", `/api/v1/requests/${id}/result`, { body, headers: auth, baseUrl }),
    raw: (method: string, path: string, init: Parameters<typeof call>[2] = {}) =>
      call(method, path, { baseUrl, ...init, headers: { ...auth, ...init.headers } }),
  };
}
