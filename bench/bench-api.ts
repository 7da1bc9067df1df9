// The benchmarks' agent and reviewer calls, through the same HTTP helpers the tests use.
import { agentApi, type ApiResponse } from "../tests/support/http.ts";
import { decide } from "../tests/support/reviewer-session.ts";

export type PendingRequest = { id: string; payloadHash: string };

/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are loosely typed JSON */
function ok(res: ApiResponse, what: string): any {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Submits one request; throws unless it was accepted. */
export async function submit(appUrl: string, apiKey: string, body: unknown): Promise<PendingRequest> {
  const r = ok(await agentApi(apiKey, appUrl).submit(body), "submit");
  return { id: String(r.id), payloadHash: String(r.payloadHash) };
}

/** Submits `count` requests, 50 at a time; `body(n)` is the n-th request's body. */
export async function submitMany(appUrl: string, apiKey: string, count: number, body: (n: number) => unknown): Promise<PendingRequest[]> {
  const submitted: PendingRequest[] = [];
  for (let i = 0; i < count; i += 50) {
    submitted.push(...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => submit(appUrl, apiKey, body(i + j))))));
  }
  return submitted;
}

/** Approves each request through the decision API, `atOnce` at a time; `onSend` runs as each is sent. */
export async function approveAll(options: {
  appUrl: string;
  cookie: string;
  requests: PendingRequest[];
  atOnce: number;
  onSend?: (id: string) => void;
}): Promise<void> {
  const { appUrl, cookie, requests, atOnce } = options;
  for (let i = 0; i < requests.length; i += atOnce) {
    await Promise.all(
      requests.slice(i, i + atOnce).map(async ({ id, payloadHash }) => {
        options.onSend?.(id);
        ok(await decide(cookie, id, { outcome: "approve", payloadHash }, {}, appUrl), "decision");
      }),
    );
  }
}
