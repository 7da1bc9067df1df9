import net from "node:net";
import { describe, expect, it } from "vitest";
import { SERVER_TIMEOUTS } from "@/lib/web/server-timeouts.mjs";
import { BASE_URL } from "../support/http.ts";

/**
 * Opens a raw connection, sends `head`, then one byte of `body` every `everyMs` until the server
 * answers or closes. Resolves with what it answered and how long after the first byte.
 */
function trickle(head: string, body: string, everyMs: number): Promise<{ ms: number; answer: string }> {
  const { hostname, port } = new URL(BASE_URL);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(Number(port), hostname === "localhost" ? "127.0.0.1" : hostname);
    let answer = "";
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearInterval(timer);
      socket.destroy();
      resolve({ ms: Date.now() - started, answer });
    };
    socket.on("connect", () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent < body.length && !socket.destroyed) socket.write(body[sent++]!);
      }, everyMs);
    });
    socket.on("data", (d) => (answer += d.toString("latin1")));
    socket.on("end", finish);
    socket.on("close", finish);
    socket.on("error", (e) => (answer ? finish() : reject(e)));
  });
}

describe("a request that trickles in", () => {
  const host = new URL(BASE_URL).host;

  it(`is cut off after the request timeout (${SERVER_TIMEOUTS.requestTimeout} ms), not Node's default 5 minutes, even unauthenticated`, async () => {
    const body = JSON.stringify({ action: "x", payload: { pad: "y".repeat(200) } });
    const head = `POST /api/v1/requests HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { ms, answer } = await trickle(head, body, 500);
    console.log(`trickled body: answered after ${ms} ms: ${answer.split("\r\n")[0] || "(closed)"}`);
    expect(ms).toBeGreaterThanOrEqual(SERVER_TIMEOUTS.requestTimeout - 1000);
    expect(ms).toBeLessThan(SERVER_TIMEOUTS.requestTimeout + 3000);
    // Next.js reads the whole body before the route runs, so the route's own refusal (401, no
    // key) can only come once Node has ended the request at its timeout: 408 or that refusal.
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d/);
  }, 60_000);

  it(`headers that trickle in are cut off after the headers timeout (${SERVER_TIMEOUTS.headersTimeout} ms)`, async () => {
    const head = `GET /api/health HTTP/1.1\r\nHost: ${host}\r\n`;
    const { ms, answer } = await trickle(head, "X-Slow: " + "a".repeat(200), 500);
    console.log(`trickled headers: answered after ${ms} ms: ${answer.split("\r\n")[0] || "(closed)"}`);
    expect(ms).toBeLessThan(SERVER_TIMEOUTS.headersTimeout + 3000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 60_000);
});
