// A second, private copy of the product for tests that break things (stop Redis, kill the worker):
// its own database on the suite's PostgreSQL, its own redis-server (so stopping it harms no other
// test), and its own web and worker processes from the same production build.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { generateKeyRingEntry } from "@/lib/platform/crypto/key-ring.ts";
import { startWeb, startWorker, stopApp, waitForHttp, type AppProcess } from "@/programs/launcher/app-processes.ts";
import { freePort } from "@/programs/launcher/free-port.ts";
import { freshDatabase } from "@/programs/launcher/fresh-database.ts";
import { startLocalRedis, type RunningRedis } from "@/programs/local/local-redis.ts";
import { applyMigrations } from "@/lib/platform/migrate.ts";
import { runAdmin } from "./run-admin.ts";

export async function startIsolatedStack(name: string, extraEnv: Record<string, string> = {}, options: { adminDatabaseUrl?: string } = {}) {
  const adminUrl = options.adminDatabaseUrl ?? process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("run through npm test: DATABASE_URL is not set");
  const databaseUrl = await freshDatabase(adminUrl, `countersign_${name}`);
  await applyMigrations(databaseUrl);
  const redisPort = await freePort(0);
  const redisInstall = { dataDir: path.resolve(`.data/${name}`), redisPort };
  let redis: RunningRedis | null = await startLocalRedis(redisInstall, () => {});
  // Its data directory outlives a run (AOF): start empty, as the database does, so no job or
  // scheduler of an earlier run acts on this one.
  const flush = new Redis(`redis://127.0.0.1:${redisPort}`);
  await flush.flushall();
  flush.disconnect();
  const port = await freePort(0);
  const appUrl = `http://localhost:${port}`;
  const logFile = path.resolve(`test-results/${name}.log`);
  const lines: string[] = [];
  const write = (line: string) => lines.push(line);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    APP_URL: appUrl,
    PORT: String(port),
    ENCRYPTION_KEYS: generateKeyRingEntry(name.replace(/[^A-Za-z0-9]/g, "").slice(0, 30) || "iso"),
    LOG_LEVEL: "warn",
    ...extraEnv,
  };
  const web = startWeb({ port, env, write });
  const moreWebs: AppProcess[] = [];
  let workers: AppProcess[] = [startWorker({ env, write })];
  await waitForHttp(`${appUrl}/api/health`);

  const sql = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  return {
    appUrl,
    env,
    /** One value from the isolated database. */
    async query<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
      return (await sql.query(text, params)).rows as T[];
    },
    /** The admin CLI against this stack's database and key ring. */
    admin: (args: string[]) =>
      runAdmin(args, {
        DATABASE_URL: databaseUrl,
        ENCRYPTION_KEYS: env.ENCRYPTION_KEYS!,
        OUTBOUND_ALLOW_CIDRS: env.OUTBOUND_ALLOW_CIDRS ?? "",
      }),
    async stopRedis() {
      await redis?.stop();
      redis = null;
    },
    async startRedis() {
      redis ??= await startLocalRedis(redisInstall, () => {});
    },
    /** SIGKILL every worker: no graceful shutdown, jobs left mid-flight. */
    async killWorkers() {
      for (const w of workers) w.child.kill("SIGKILL");
      await Promise.all(workers.map((w) => w.exited));
      workers = [];
    },
    /** SIGTERM every worker (a graceful shutdown); resolves with their exit codes. */
    async stopWorkers(): Promise<(number | null)[]> {
      const stopping = workers;
      workers = [];
      for (const w of stopping) w.child.kill("SIGTERM");
      return Promise.all(stopping.map((w) => w.exited));
    },
    /** One more worker; `override` changes its environment (a rotated secret, say). */
    startWorker(override: Record<string, string> = {}) {
      workers.push(startWorker({ env: { ...env, ...override }, write }));
    },
    /** Another web process of the same build on the same database and Redis; returns its URL. */
    async startAnotherWeb(override: Record<string, string> = {}): Promise<string> {
      const otherPort = await freePort(0);
      moreWebs.push(
        startWeb({
          port: otherPort,
          env: { ...env, ...override, PORT: String(otherPort), APP_URL: `http://localhost:${otherPort}` },
          write,
        }),
      );
      await waitForHttp(`http://localhost:${otherPort}/api/health`);
      return `http://localhost:${otherPort}`;
    },
    async stop() {
      await stopApp([web, ...moreWebs, ...workers], 5000);
      await redis?.stop();
      await sql.end();
      writeFileSync(logFile, lines.join("\n") + "\n");
    },
  };
}

export type IsolatedStack = Awaited<ReturnType<typeof startIsolatedStack>>;
