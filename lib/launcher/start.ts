// `npm start`: brings the whole product up. With no DATABASE_URL / REDIS_URL it runs its own
// PostgreSQL and Redis under .data/ (seeding a demo on first start); then migrations, a production
// build when needed, the web app and the worker. Ctrl-C stops everything it started.
import { saveDemoAgentKey } from "@/lib/demo-agent/demo-key-file.ts";
import { RedisMissingError } from "@/lib/local/local-redis.ts";
import { writeLocalInstall } from "@/lib/local/local-install.ts";
import { disconnectDb } from "@/lib/server/db.ts";
import { env } from "@/lib/server/env.ts";
import { applyMigrations } from "@/lib/server/migrate.ts";
import { seedDemo, type DemoCredentials } from "@/lib/seed/seed-demo.ts";
import { ensureFirstAdmin } from "@/lib/users/ensure-first-admin.ts";
import { startApp, stopApp, waitForHttp, type AppProcess } from "./app-processes.ts";
import { buildIfNeeded } from "./build-if-needed.ts";
import { startServices, type Services } from "./local-services.ts";

const log = (line: string) => console.log(`start  | ${line}`);

function die(message: string): never {
  console.error(`start  | ${message}`);
  process.exit(1);
}

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
    "Try:  curl -s " + appUrl + "/api/v1/requests -H \"Authorization: Bearer $KEY\" \\",
    "        -H 'Content-Type: application/json' \\",
    "        -d '{\"action\":\"payments.transfer\",\"payload\":{\"amount\":500,\"currency\":\"USD\",\"to\":\"acct_123\"}}'",
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  console.log("\n┌" + "─".repeat(width) + "┐");
  for (const l of lines) console.log("│ " + l.padEnd(width - 1) + "│");
  console.log("└" + "─".repeat(width) + "┘\n");
}

async function main(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  process.env.CHECKPOINT_DISABLE = "1";
  let services: Services;
  try {
    services = await startServices({ log });
  } catch (e) {
    if (e instanceof RedisMissingError) die(e.message);
    throw e;
  }
  for (const [k, v] of Object.entries(services.env)) process.env[k] ??= v;
  if (!process.env.NEXTAUTH_SECRET) die("NEXTAUTH_SECRET is required when DATABASE_URL is set (e.g. `openssl rand -base64 32`).");
  if (!process.env.ENCRYPTION_KEYS) die("ENCRYPTION_KEYS is required when DATABASE_URL is set (e.g. `key1:$(openssl rand -base64 32)`).");
  let config;
  try {
    config = env();
  } catch (e) {
    await services.stop();
    die((e as Error).message);
  }

  const applied = await applyMigrations(config.DATABASE_URL);
  log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date");

  let credentials: DemoCredentials | null = null;
  if (services.install && !services.install.seeded) {
    credentials = await seedDemo();
    // Local demo only: lets `npm run demo:agent` find its key without copying it.
    saveDemoAgentKey(services.install.dataDir, { agentId: credentials.agentId, apiKey: credentials.apiKey });
    writeLocalInstall({ ...services.install, seeded: true });
  } else if (!services.install && process.env.ADMIN_EMAIL && process.env.ADMIN_PASSWORD) {
    const { created } = await ensureFirstAdmin({ email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD });
    if (created) log(`Created the first admin ${process.env.ADMIN_EMAIL}`);
  }
  await disconnectDb();
  await buildIfNeeded(log);

  const processes: AppProcess[] = startApp({ port: config.PORT, env: process.env, write: (line) => console.log(line) });
  let stopping = false;
  const shutdown = async (code: number, why: string) => {
    if (stopping) return;
    stopping = true;
    log(`${why}: stopping…`);
    await stopApp(processes);
    await services.stop();
    log("stopped");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0, "interrupted"));
  process.on("SIGTERM", () => void shutdown(0, "terminated"));
  for (const p of processes) void p.exited.then((code) => shutdown(1, `${p.name} exited unexpectedly (code ${code})`));

  await waitForHttp(`http://127.0.0.1:${config.PORT}/api/health`);
  if (credentials) printCredentials(credentials, config.APP_URL);
  log(`Countersign is running at ${config.APP_URL} — Ctrl-C to stop`);
}

main().catch((e) => die(e instanceof Error ? (e.stack ?? e.message) : String(e)));
