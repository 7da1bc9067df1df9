import http from "node:http";
import type { AddressInfo } from "node:net";
import { approveAll, submit, submitMany } from "./bench-api.ts";
import { commitTimes } from "./commit-times.ts";
import { percentile } from "./processes.ts";

/** A local receiver that answers 200 at once and notes when each request id's event arrived. */
async function startReceiver() {
  const arrivals = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c));
    req.on("end", () => {
      const at = Date.now();
      const { id } = (JSON.parse(body) as { data: { id: string } }).data;
      if (!arrivals.has(id)) arrivals.set(id, at);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, arrivals, close: () => server.close() };
}

async function until(check: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

/**
 * Decision to webhook received: `requests` pending requests approved through the decision API
 * (8 at a time), latency from the decision's commit (PostgreSQL's commit timestamp) to the receiver getting the
 * signed event. Then worker throughput: `burst` requests allowed by policy as fast as 32 agents
 * can submit them, deliveries per second from the first to the last arrival.
 */
export async function decisionToWebhook(options: {
  appUrl: string;
  databaseUrl: string;
  apiKey: string;
  action: string;
  cookie: string;
  setEndpoint: (url: string) => Promise<void>;
  requests: number;
  burst: number;
}) {
  const { appUrl, apiKey, action, cookie } = options;
  const receiver = await startReceiver();
  await options.setEndpoint(receiver.url);
  try {
    const pending = await submitMany(appUrl, apiKey, options.requests, (n) => ({
      action,
      payload: { amount: 5000 + n, currency: "USD", to: "acct_hook" },
    }));
    await approveAll({ appUrl, cookie, requests: pending, atOnce: 8 });
    await until(() => pending.every((p) => receiver.arrivals.has(p.id)), 60_000);
    const committed = await commitTimes(
      options.databaseUrl,
      pending.map((p) => p.id),
    );
    const latencies = pending
      .map((p) => (receiver.arrivals.get(p.id) ?? NaN) - (committed.get(p.id) ?? NaN))
      .filter((n) => Number.isFinite(n))
      .sort((a, b) => a - b);

    const burstIds: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < options.burst) {
          const n = next++;
          const r = await submit(appUrl, apiKey, { action, payload: { amount: 1 + (n % 90), currency: "USD", to: `acct_${n}` } });
          burstIds.push(String(r.id));
        }
      }),
    );
    await until(() => burstIds.every((id) => receiver.arrivals.has(id)), 120_000);
    const times = burstIds
      .map((id) => receiver.arrivals.get(id))
      .filter((t): t is number => t !== undefined)
      .sort((a, b) => a - b);
    const spanSeconds = times.length > 1 ? (times.at(-1)! - times[0]!) / 1000 : NaN;
    return {
      decided: pending.length,
      delivered: latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      burst: burstIds.length,
      burstDelivered: times.length,
      deliveriesPerSecond: times.length / spanSeconds,
    };
  } finally {
    receiver.close();
  }
}
