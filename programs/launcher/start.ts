// `npm start`: brings the whole product up. With no DATABASE_URL / REDIS_URL it runs its own
// PostgreSQL and Redis under .data/ (seeding a demo on first start); then migrations, a production
// build when needed, the web app and the worker. Ctrl-C stops everything it started.
import { saveDemoAgentKey } from "@/programs/demo-agent/demo-key-file.ts";
import { isAppError } from "@/lib/kernel/errors.ts";
import { writeLocalInstall } from "@/programs/local/local-install.ts";
import { failureText } from "@/programs/local/service-failure.ts";
import { disconnectDb } from "@/lib/platform/db.ts";
import { env } from "@/lib/platform/env.ts";
import { applyMigrations } from "@/lib/platform/migrate.ts";
import { seedDemo, type DemoCredentials } from "@/programs/seed/seed-demo.ts";
import { ensureFirstAdmin } from "@/lib/domain/users/ensure-first-admin.ts";
import { startApp, stopApp, waitForHttp, type AppProcess } from "./app-processes.ts";
import { buildIfNeeded } from "./build-if-needed.ts";
import { startServices, type Services } from "./local-services.ts";

const log = (line: string) => console.log(`start  | ${line}`);

function printCredentials(c: DemoCredentials, appUrl: string): void {
  const lines = [
    "Demo install seeded. These credentials are shown ONCE — store them now.",
    "",
    `  Open:      ${appUrl}`,
    `  Admin:     ${c.adminEmail}  /  ${c.adminPassword}`,
    `  Reviewer:  ${c.reviewerEmail}  /  ${c.reviewerPassword}`,
    `  Agent:     ${c.agentName} (${c.agentId})`,
    `  API key:   ${c.apiKey}`,
    "  Demo agent: npm run demo:agent (in another terminal; uses this key from .data/)",
    "",
    "Try:  curl -s " + appUrl + '/api/v1/requests -H "Authorization: Bearer $KEY" \\',
    "        -H 'Content-Type: application/json' \\",
    '        -d \'{"action":"payments.transfer","payload":{"amount":500,"currency":"USD","to":"acct_123"}}\'',
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  console.log("\n┌" + "─".repeat(width) + "┐");
  for (const l of lines) console.log("│ " + l.padEnd(width - 1) + "│");
  console.log("└" + "─".repeat(width) + "┘\n");
}

// Shutdown, in order: the web app and the worker first (they finish in-flight work against the
// database and Redis), then Redis and PostgreSQL, then the "stopped" line. PostgreSQL and Redis run
// in process groups of their own, so a terminal's Ctrl-C — sent to the whole foreground group —
// reaches only this launcher and the app processes, never the services under them.
let stopping = false;
let services: Promise<Services | null> = Promise.resolve(null);
let processes: AppProcess[] = [];

async function shutdown(code: number, why: string): Promise<never> {
  if (!stopping) {
    stopping = true;
    log(`${why}: stopping…`);
    if (processes.length) {
      await stopApp(processes);
      log("web and worker stopped");
    }
    await (await services.catch(() => null))?.stop();
    log("stopped");
    process.exit(code);
  }
  return new Promise<never>(() => {}); // the first shutdown exits
}

for (const [signal, why] of [
  ["SIGINT", "interrupted"],
  ["SIGTERM", "terminated"],
  ["SIGHUP", "hung up"],
] as const) {
  process.on(signal, () => void shutdown(0, why));
}

/** A startup failure: says why, stops what was started, exits 1. */
async function fail(message: string): Promise<never> {
  if (stopping) return shutdown(1, ""); // a signal is already stopping everything
  console.error(`start  | ${message}`);
  return shutdown(1, "startup failed");
}

async function main(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  process.env.CHECKPOINT_DISABLE = "1";
  services = startServices({ log, ownProcessGroup: true });
  let started: Services;
  try {
    started = (await services)!;
  } catch (e) {
    services = Promise.resolve(null);
    // A local service that could not start says so in one line, with the fix (service-failure).
    if (isAppError(e)) return fail(e.message);
    throw e;
  }
  for (const [k, v] of Object.entries(started.env)) process.env[k] ??= v;
  if (!process.env.NEXTAUTH_SECRET) return fail("NEXTAUTH_SECRET is required when DATABASE_URL is set (e.g. `openssl rand -base64 32`).");
  if (!process.env.ENCRYPTION_KEYS)
    return fail("ENCRYPTION_KEYS is required when DATABASE_URL is set (e.g. `key1:$(openssl rand -base64 32)`).");
  let config;
  try {
    config = env();
  } catch (e) {
    return fail((e as Error).message);
  }

  const applied = await applyMigrations(config.DATABASE_URL);
  log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date");

  let credentials: DemoCredentials | null = null;
  if (started.install && !started.install.seeded) {
    credentials = await seedDemo();
    // Local demo only: lets `npm run demo:agent` find its key without copying it.
    saveDemoAgentKey(started.install.dataDir, { agentId: credentials.agentId, apiKey: credentials.apiKey });
    writeLocalInstall({ ...started.install, seeded: true });
  } else if (!started.install && process.env.ADMIN_EMAIL && process.env.ADMIN_PASSWORD) {
    const { created } = await ensureFirstAdmin({ email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD });
    if (created) log(`Created the first admin ${process.env.ADMIN_EMAIL}`);
  }
  await disconnectDb();
  await buildIfNeeded(log);
  if (stopping) return;

  processes = startApp({ port: config.PORT, env: process.env, write: (line) => console.log(line) });
  for (const p of processes) void p.exited.then((code) => shutdown(1, `${p.name} exited unexpectedly (code ${code})`));

  await waitForHttp(`http://127.0.0.1:${config.PORT}/api/health`);
  if (stopping) return;
  if (credentials) printCredentials(credentials, config.APP_URL);
  log(`Countersign is running at ${config.APP_URL} — Ctrl-C to stop`);
}

main().catch((e) => fail(failureText(e)));
