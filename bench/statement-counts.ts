import { Redis } from "ioredis";
import pg from "pg";

export type WorkCount = { statements: number; redisCommands: number; top: { calls: number; text: string }[] };

async function redisCalls(redisUrl: string): Promise<number> {
  const redis = new Redis(redisUrl);
  try {
    const stats = await redis.info("commandstats");
    // The INFO call itself is counted too, once per reading: it cancels out between two readings.
    return [...stats.matchAll(/calls=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
  } finally {
    redis.disconnect();
  }
}

/**
 * The work one operation costs the whole system, counted rather than timed (so machine noise
 * does not move it): SQL statements run by every process (pg_stat_statements) and Redis commands
 * (INFO commandstats), from the start of `run` until the worker has settled, divided by `operations`.
 */
export async function countWork(options: {
  databaseUrl: string;
  redisUrl: string;
  operations: number;
  run: () => Promise<void>;
  settle: () => Promise<void>;
}): Promise<WorkCount> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await options.settle();
    await client.query("SELECT pg_stat_statements_reset()");
    const redisBefore = await redisCalls(options.redisUrl);
    await options.run();
    await options.settle();
    const redisAfter = await redisCalls(options.redisUrl);
    const rows = (
      await client.query(
        `SELECT calls::int, regexp_replace(query, '\\s+', ' ', 'g') AS text FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY calls DESC`,
      )
    ).rows as { calls: number; text: string }[];
    const per = (n: number) => n / options.operations;
    return {
      statements: per(rows.reduce((n, r) => n + r.calls, 0)),
      redisCommands: per(redisAfter - redisBefore - 1),
      top: rows.slice(0, 25).map((r) => ({ calls: per(r.calls), text: r.text.length > 160 ? `${r.text.slice(0, 157)}...` : r.text })),
    };
  } finally {
    await client.end();
  }
}
