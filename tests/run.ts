// `npm test`: one real stack for the whole suite — PostgreSQL and Redis (local under .data/test
// unless DATABASE_URL / REDIS_URL are given), a fresh database, migrations, the production build,
// the web app and the worker exactly as `npm start` runs them — then Vitest (unit + integration)
// and Playwright (Chromium) against it. `npm test -- vitest [args]` or `-- playwright [args]`
// runs one runner.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { startStack } from "@/programs/launcher/start-stack.ts";
import { failureText } from "@/programs/local/service-failure.ts";

const log = (line: string) => console.log(`test   | ${line}`);

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
  const stack = await startStack({
    name: "test",
    preferredPorts: { pg: 54339, redis: 63809, web: 3100 },
    env: {
      RATE_LIMIT_SUBMITS_PER_MINUTE: process.env.RATE_LIMIT_SUBMITS_PER_MINUTE ?? "100000",
      EXPIRY_SWEEP_INTERVAL_MS: "1000",
      AUDIT_SEAL_INTERVAL_MS: "500",
      // Test receivers listen on 127.0.0.1 only; every other private range stays refused.
      OUTBOUND_ALLOW_CIDRS: "127.0.0.1/32",
      WEBHOOK_RETRY_SCHEDULE: "300ms,500ms,500ms",
      WEBHOOK_TIMEOUT_MS: "3000",
      DELIVERY_SWEEP_INTERVAL_MS: "1000",
    },
    log,
    appOutput: (line) => (process.env.TEST_APP_LOGS ? console.log(line) : undefined),
  });
  const { env } = stack;
  const results: Counts[] = [];
  let failed = false;
  try {
    rmSync("test-results", { recursive: true, force: true });
    mkdirSync("test-results", { recursive: true });
    if (!only || only === "vitest") {
      const code = await run(
        "node_modules/vitest/vitest.mjs",
        ["run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json", ...(only ? extra : [])],
        env,
      );
      results.push(vitestCounts("test-results/vitest.json"));
      failed ||= code !== 0;
    }
    if (!only || only === "playwright") {
      const code = await run("node_modules/@playwright/test/cli.js", ["test", ...(only ? extra : [])], env);
      results.push(playwrightCounts("test-results/playwright.json"));
      failed ||= code !== 0;
    }
  } finally {
    await stack.stop();
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
    // A local service that could not start is one line with the fix; anything else, its stack.
    console.error(`test   | ${failureText(e)}`);
    process.exit(1);
  },
);
