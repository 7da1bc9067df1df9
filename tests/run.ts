// `npm test`: one real stack for the whole suite — PostgreSQL and Redis (local under .data/test
// unless DATABASE_URL / REDIS_URL are given), a fresh database, migrations, the production build,
// the web app and the worker exactly as `npm start` runs them — then Vitest (unit + integration)
// and Playwright (Chromium) against it. `npm test -- vitest [args]` or `-- playwright [args]`
// runs one runner.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { Redis } from "ioredis";
import { startApp, stopApp, waitForHttp } from "@/lib/launcher/app-processes.ts";
import { buildIfNeeded } from "@/lib/launcher/build-if-needed.ts";
import { startServices } from "@/lib/launcher/local-services.ts";
import { applyMigrations } from "@/lib/server/migrate.ts";

const log = (line: string) => console.log(`test   | ${line}`);

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer().once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        const { port: bound } = server.address() as net.AddressInfo;
        server.close(() => resolve(bound));
      });
    });
  return (await tryPort(preferred)) ?? (await tryPort(0))!;
}

async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cmd, ...args], { stdio: "inherit", env });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

type Counts = { passed: number; failed: number };

function vitestCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const r = JSON.parse(readFileSync(file, "utf8"));
  return { passed: r.numPassedTests ?? 0, failed: r.numFailedTests ?? 0 };
}

function playwrightCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const s = JSON.parse(readFileSync(file, "utf8")).stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: (s.unexpected ?? 0) + (s.errors?.length ?? 0) };
}

async function main(): Promise<number> {
  const [only, ...extra] = process.argv.slice(2);
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  process.env.CHECKPOINT_DISABLE = "1";
  const externalDb = process.env.DATABASE_URL;
  if (!externalDb) {
    process.env.LOCAL_PG_PORT ??= String(await freePort(54339));
    process.env.LOCAL_REDIS_PORT ??= String(await freePort(63809));
  }
  const services = await startServices({ dataDir: path.resolve(".data/test"), database: "postgres", log });
  const databaseUrl = await freshDatabase(externalDb ?? services.env.DATABASE_URL, "countersign_test");
  const redisUrl = services.env.REDIS_URL;
  const redis = new Redis(redisUrl);
  await redis.flushall();
  redis.disconnect();
  await applyMigrations(databaseUrl);
  await buildIfNeeded(log);

  const port = await freePort(3100);
  const appUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    APP_URL: appUrl,
    PORT: String(port),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    RATE_LIMIT_SUBMITS_PER_MINUTE: process.env.RATE_LIMIT_SUBMITS_PER_MINUTE ?? "100000",
    EXPIRY_SWEEP_INTERVAL_MS: "1000",
    AUDIT_SEAL_INTERVAL_MS: "500",
  };
  const app = startApp({ port, env, write: (line) => (process.env.TEST_APP_LOGS ? console.log(line) : undefined) });
  const results: Counts[] = [];
  let failed = false;
  try {
    await waitForHttp(`${appUrl}/api/health`);
    rmSync("test-results", { recursive: true, force: true });
    mkdirSync("test-results", { recursive: true });
    if (!only || only === "vitest") {
      const code = await run("node_modules/vitest/vitest.mjs", ["run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json", ...(only ? extra : [])], env);
      results.push(vitestCounts("test-results/vitest.json"));
      failed ||= code !== 0;
    }
    if (!only || only === "playwright") {
      const code = await run("node_modules/@playwright/test/cli.js", ["test", ...(only ? extra : [])], env);
      results.push(playwrightCounts("test-results/playwright.json"));
      failed ||= code !== 0;
    }
  } finally {
    await stopApp(app);
    await services.stop();
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failedCount = results.reduce((n, r) => n + r.failed, 0);
  // A runner that failed without a failing test (a file that does not load) still counts once.
  const shown = failed && failedCount === 0 ? 1 : failedCount;
  console.log(`${passed} passed, ${shown} failed`);
  return failed || failedCount > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
