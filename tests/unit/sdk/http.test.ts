import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CountersignError } from "@/packages/sdk/errors.ts";
import { Http, parseRetryAfter } from "@/packages/sdk/http.ts";

// A real HTTP server on 127.0.0.1 answering from a script, recording when each request arrived.
type Answer = { status: number; headers?: Record<string, string>; body?: unknown };
let servers: http.Server[] = [];
async function scripted(answers: Answer[]) {
  const hits: { at: number; method: string; url: string; headers: http.IncomingHttpHeaders }[] = [];
  const server = http.createServer((req, res) => {
    hits.push({ at: Date.now(), method: req.method!, url: req.url!, headers: req.headers });
    const a = answers[Math.min(hits.length - 1, answers.length - 1)]!;
    res.writeHead(a.status, { "content-type": "application/json", ...a.headers });
    res.end(JSON.stringify(a.body ?? {}));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
});

const limited = { status: 429, headers: { "retry-after": "1" }, body: { error: { code: "rate_limited", message: "slow down" } } };

describe("SDK HTTP layer", () => {
  it("parses Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString(), Date.now())).toBeGreaterThan(3000);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it("retries a 429 after Retry-After, even for a call that is not repeatable, and sends auth", async () => {
    const s = await scripted([limited, { status: 201, body: { id: "r1" } }]);
    const res = await new Http({ baseUrl: s.url, apiKey: "csk_test" }).call<{ id: string }>("POST", "/api/v1/requests", {
      body: { a: 1 },
      repeatable: false,
    });
    expect(res.body).toEqual({ id: "r1" });
    expect(s.hits).toHaveLength(2);
    expect(s.hits[1]!.at - s.hits[0]!.at).toBeGreaterThanOrEqual(950);
    expect(s.hits[0]!.headers.authorization).toBe("Bearer csk_test");
  });

  it("retries 503 only for repeatable calls, with backoff when no Retry-After is given", async () => {
    const s = await scripted([{ status: 503 }, { status: 200, body: { ok: true } }]);
    const http1 = new Http({ baseUrl: s.url, apiKey: "k", retry: { minDelayMs: 50 } });
    expect((await http1.call("GET", "/x", { repeatable: true })).body).toEqual({ ok: true });
    const t = await scripted([{ status: 503, body: { error: { code: "service_unavailable", message: "down" } } }]);
    const err = await new Http({ baseUrl: t.url, apiKey: "k" }).call("POST", "/x", { repeatable: false }).catch((e) => e);
    expect(err).toBeInstanceOf(CountersignError);
    expect(err).toMatchObject({ status: 503, code: "service_unavailable" });
    expect(t.hits).toHaveLength(1);
  });

  it("does not wait for a Retry-After beyond its limit, and gives up after the retry budget", async () => {
    const s = await scripted([{ ...limited, headers: { "retry-after": "3600" } }]);
    const err = await new Http({ baseUrl: s.url, apiKey: "k" }).call("GET", "/x", { repeatable: true }).catch((e) => e);
    expect(err).toMatchObject({ status: 429, code: "rate_limited", retryAfter: 3600 });
    expect(s.hits).toHaveLength(1);
    const t = await scripted([{ status: 502 }]);
    const gaveUp = await new Http({ baseUrl: t.url, apiKey: "k", retry: { retries: 2, minDelayMs: 10 } })
      .call("GET", "/x", { repeatable: true })
      .catch((e) => e);
    expect(gaveUp).toMatchObject({ status: 502, code: "http_502" });
    expect(t.hits).toHaveLength(3);
  });

  it("keeps the API's error code, message, details and request id", async () => {
    const s = await scripted([
      {
        status: 400,
        headers: { "x-request-id": "req-9" },
        body: { error: { code: "validation_error", message: "Request is invalid", details: [{ path: "/a", message: "bad" }] } },
      },
    ]);
    const err = await new Http({ baseUrl: s.url, apiKey: "k" }).call("GET", "/x", { repeatable: true }).catch((e) => e);
    expect(err).toMatchObject({
      status: 400,
      code: "validation_error",
      message: "Request is invalid",
      details: [{ path: "/a", message: "bad" }],
      requestId: "req-9",
    });
  });

  it("an abort stops a pending retry at once", async () => {
    const s = await scripted([{ ...limited, headers: { "retry-after": "30" } }]);
    const controller = new AbortController();
    const started = Date.now();
    const pending = new Http({ baseUrl: s.url, apiKey: "k" })
      .call("GET", "/x", { repeatable: true, signal: controller.signal })
      .catch((e) => e);
    setTimeout(() => controller.abort(new Error("stop")), 200);
    expect((await pending).message).toBe("stop");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("a base URL with a path prefix keeps it", async () => {
    const s = await scripted([{ status: 200, body: {} }]);
    await new Http({ baseUrl: `${s.url}/countersign/`, apiKey: "k" }).call("GET", "/api/v1/requests", { repeatable: true });
    expect(s.hits[0]!.url).toBe("/countersign/api/v1/requests");
  });
});
