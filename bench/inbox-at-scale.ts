import http from "node:http";
import pg from "pg";
import { percentile } from "./processes.ts";

/** Time to first byte (ms) of one GET with the reviewer's session: until the response headers arrive. */
function ttfb(url: string, cookie: string): Promise<{ ms: number; status: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.get(url, { headers: { cookie } }, (res) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      res.resume();
      res.on("end", () => resolve({ ms, status: res.statusCode ?? 0 }));
    });
    req.on("error", reject);
  });
}

export type PageTiming = { page: string; samples: number; p50: number; p95: number; statuses: string; target: boolean };

/** Sequential page loads (after a warm-up), as one reviewer clicking through: TTFB p50/p95. */
export async function timePages(options: {
  appUrl: string;
  cookie: string;
  pages: { name: string; paths: string[]; target?: boolean }[];
  samples: number;
}): Promise<PageTiming[]> {
  const results: PageTiming[] = [];
  for (const page of options.pages) {
    for (const path of page.paths.slice(0, 3)) await ttfb(options.appUrl + path, options.cookie);
    const times: number[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < options.samples; i++) {
      const r = await ttfb(options.appUrl + page.paths[i % page.paths.length]!, options.cookie);
      times.push(r.ms);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
    times.sort((a, b) => a - b);
    results.push({
      page: page.name,
      target: page.target ?? false,
      samples: times.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      statuses: [...statuses].map(([s, n]) => `${n}×${s}`).join(" "),
    });
  }
  return results;
}

/** Sample request ids to open: pending ones the reviewer may decide, and decided ones from the history. */
export async function sampleRequestIds(databaseUrl: string, count: number): Promise<{ pending: string[]; decided: string[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const pick = async (where: string) =>
      (await client.query(`SELECT id FROM approval_requests TABLESAMPLE SYSTEM (1) WHERE ${where} LIMIT $1`, [count])).rows.map(
        (r: { id: string }) => r.id,
      );
    return { pending: await pick(`status = 'pending' AND 'finance' = ANY("approvingGroups")`), decided: await pick(`status <> 'pending'`) };
  } finally {
    await client.end();
  }
}

/**
 * The plans PostgreSQL uses for the statements a page's services run: each statement that the
 * given function sends through Prisma is captured with its parameters and run again under
 * EXPLAIN (ANALYZE, BUFFERS).
 */
export async function explainStatements(databaseUrl: string, run: () => Promise<unknown>): Promise<{ sql: string; plan: string }[]> {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { PrismaClient } = await import("@/lib/platform/prisma/client.ts");
  const captured: { query: string; params: unknown[] }[] = [];
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }), log: [{ emit: "event", level: "query" }] });
  client.$on("query", (e) => captured.push({ query: e.query, params: JSON.parse(e.params) as unknown[] }));
  const global = globalThis as unknown as { countersignDb?: unknown };
  const previous = global.countersignDb;
  global.countersignDb = client;
  try {
    await run();
  } finally {
    global.countersignDb = previous;
    await client.$disconnect();
  }
  const pgClient = new pg.Client({ connectionString: databaseUrl });
  await pgClient.connect();
  try {
    const out: { sql: string; plan: string }[] = [];
    for (const { query, params } of captured) {
      if (!/^\s*SELECT/i.test(query)) continue;
      const rows = (
        await pgClient.query(
          `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${query}`,
          params.map((p) => (p !== null && typeof p === "object" && !Array.isArray(p) ? JSON.stringify(p) : p)),
        )
      ).rows as { "QUERY PLAN": string }[];
      out.push({ sql: query, plan: rows.map((r) => r["QUERY PLAN"]).join("\n") });
    }
    return out;
  } finally {
    await pgClient.end();
  }
}
