import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { UnixUser } from "./reachable-as.ts";
import { oneLine, serviceFailure } from "./service-failure.ts";

/** The environment PostgreSQL's programs get: no secret of ours; the locale decides the cluster's collation (NODE_ENV: only the type asks for it). */
export function postgresEnv(): NodeJS.ProcessEnv {
  const keep = Object.entries(process.env).filter(([k]) => k === "PATH" || k === "LANG" || k.startsWith("LC_"));
  // English messages, so readiness and failures can be read from the log.
  return { ...Object.fromEntries(keep), LC_MESSAGES: "C", NODE_ENV: "production" };
}

/** Runs a PostgreSQL program as `runAs` (or as ourselves), from "/" (our folder may be out of its reach). */
export function runPostgresProgram(file: string, args: string[], runAs: UnixUser | null, options: { detached?: boolean } = {}) {
  return spawn(file, args, {
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    cwd: "/",
    detached: options.detached ?? false,
    stdio: ["ignore", "pipe", "pipe"],
    env: postgresEnv(),
  });
}

/**
 * initdb: a new cluster in `databaseDir`, owned by `runAs`, with the superuser `postgres` and this
 * password (scram-sha-256). The password travels in a file only that user can read, removed after.
 */
export async function initCluster(options: {
  binDir: string;
  databaseDir: string;
  password: string;
  runAs: UnixUser | null;
}): Promise<void> {
  const { binDir, databaseDir, password, runAs } = options;
  mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(path.dirname(databaseDir), `.initdb-password-${randomBytes(6).toString("hex")}`);
  writeFileSync(passwordFile, password + "\n", { mode: 0o600 });
  if (runAs) {
    chownSync(databaseDir, runAs.uid, runAs.gid);
    chownSync(passwordFile, runAs.uid, runAs.gid);
  }
  const output: string[] = [];
  try {
    const child = runPostgresProgram(
      path.join(binDir, "initdb"),
      [
        `--pgdata=${databaseDir}`,
        "--auth=scram-sha-256",
        "--username=postgres",
        `--pwfile=${passwordFile}`,
        "--encoding=UTF8",
        "--lc-messages=C",
      ],
      runAs,
    );
    child.stdout.resume();
    child.stderr.on("data", (chunk: Buffer) =>
      output.push(
        ...chunk
          .toString("utf8")
          .split("\n")
          .filter((l) => l.trim()),
      ),
    );
    const result = await new Promise<{ code: number | null; error?: Error }>((resolve) => {
      child.once("error", (error) => resolve({ code: null, error }));
      child.once("close", (code) => resolve({ code }));
    });
    if (result.error) {
      throw serviceFailure(
        `PostgreSQL's initdb could not be run (${result.error.message})`,
        `check that ${binDir} is executable${runAs ? ` by the ${runAs.name} user` : ""} (npm ci reinstalls it), or set DATABASE_URL`,
      );
    }
    if (result.code !== 0) {
      const reason =
        output.filter((l) => /error|fatal|could not|cannot|denied/i.test(l)).at(-1) ?? output.at(-1) ?? `exit code ${result.code}`;
      throw serviceFailure(
        `PostgreSQL could not be initialised in ${databaseDir}: ${oneLine(reason)}`,
        `remove ${databaseDir} (it holds no data yet) and start again; if it repeats, check that the disk has space and the folder is writable${runAs ? ` by ${runAs.name}` : ""}`,
      );
    }
  } finally {
    rmSync(passwordFile, { force: true });
  }
}
