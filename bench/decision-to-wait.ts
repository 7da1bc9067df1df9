import { approveAll, submitMany } from "./bench-api.ts";
import { commitTimes } from "./commit-times.ts";
import { percentile } from "./processes.ts";

type Json = Record<string, unknown>;

/** The web process's retained memory (heap + external, bytes) after a full garbage collection. */
async function retainedBytes(appUrl: string): Promise<number> {
  const m = (await (await fetch(`${appUrl}/api/bench/memory`)).json()) as { collected: boolean; heapUsed: number; external: number };
  if (!m.collected) throw new Error("the web process runs without --expose-gc: no memory figure");
  return m.heapUsed + m.external;
}

/**
 * Opens `waiters` long-polls on pending requests, then decides them through the decision API and
 * measures, for each, from the decision's commit to its `wait` returning (and from the decision
 * request being sent, the reviewer's click); and
 * the memory the web process retains for the open waiters.
 */
export async function decisionToWait(options: {
  appUrl: string;
  databaseUrl: string;
  apiKey: string;
  action: string;
  cookie: string;
  waiters: number;
}) {
  const { appUrl, apiKey, action, cookie, waiters } = options;
  const auth = { authorization: `Bearer ${apiKey}` };
  const ids = await submitMany(appUrl, apiKey, waiters, (n) => ({ action, payload: { amount: 500 + n, currency: "USD", to: "acct_1" } }));
  // Warm the wait route (its code, its queries, the Redis subscriber) so that what the memory
  // reading below sees is the waiters themselves, not the route's first use.
  for (let round = 0; round < 3; round++) {
    await Promise.all(
      ids
        .slice(0, 100)
        .map(({ id }) => fetch(`${appUrl}/api/v1/requests/${id}/wait?timeout=1`, { headers: auth }).then((r) => r.arrayBuffer())),
    );
  }
  await new Promise((r) => setTimeout(r, 1000));
  const before = await retainedBytes(appUrl);
  const returned = new Map<string, { at: number; body: Json }>();
  const waits = ids.map(({ id }) =>
    fetch(`${appUrl}/api/v1/requests/${id}/wait?timeout=60`, { headers: auth })
      .then((r) => r.json() as Promise<Json>)
      .then((body) => returned.set(id, { at: Date.now(), body })),
  );
  await new Promise((r) => setTimeout(r, 2000));
  const during = await retainedBytes(appUrl);
  const clicked = new Map<string, number>();
  // Half the requests decided one at a time (the notification path itself), half eight at a
  // time (decisions competing with the waiters for the same cores).
  const half = Math.floor(ids.length / 2);
  const phases = [
    { decisionsAtOnce: 1, batch: ids.slice(0, half) },
    { decisionsAtOnce: 8, batch: ids.slice(half) },
  ];
  for (const phase of phases) {
    await approveAll({ appUrl, cookie, requests: phase.batch, atOnce: phase.decisionsAtOnce, onSend: (id) => clicked.set(id, Date.now()) });
  }
  await Promise.all(waits);
  const committed = await commitTimes(
    options.databaseUrl,
    ids.map((r) => r.id),
  );
  const since = (batch: { id: string }[], start: Map<string, number>) =>
    batch
      .map(({ id }) => (returned.get(id)?.at ?? NaN) - (start.get(id) ?? NaN))
      .filter((n) => Number.isFinite(n))
      .sort((a, b) => a - b);
  return {
    waiters: ids.length,
    returnedApproved: [...returned.values()].filter((r) => r.body.status === "approved").length,
    phases: phases.map(({ decisionsAtOnce, batch }) => {
      const fromCommit = since(batch, committed);
      const fromClick = since(batch, clicked);
      return {
        decisionsAtOnce,
        decided: batch.length,
        p50: percentile(fromCommit, 50),
        p99: percentile(fromCommit, 99),
        clickP50: percentile(fromClick, 50),
        clickP99: percentile(fromClick, 99),
      };
    }),
    extraMemoryMb: (during - before) / 1024 / 1024,
  };
}
