// A local service that cannot start is one line that says what failed and how to fix it — no stack
// trace, exit code 1 — from all three launchers: `npm start`, `npm test` and `npm run bench`.
// Provoked for real: the port the local PostgreSQL (or Redis) should listen on is taken by another
// program.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@/programs/launcher/free-port.ts";
import { isPortOpen } from "@/programs/local/local-postgres.ts";

// Settings of the suite's own stack that would make the launchers use it instead of local services.
const SUITE_ONLY = ["DATABASE_URL", "REDIS_URL", "APP_URL", "PORT", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "ENCRYPTION_KEYS", "DATA_DIR"];
const dataDir = path.resolve(".data", `launcher-errors-${randomBytes(4).toString("hex")}`);

async function occupy(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function runLauncher(script: string, extraEnv: Record<string, string>, args: string[] = []) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !SUITE_ONLY.includes(k) && !k.startsWith("npm_")),
  ) as NodeJS.ProcessEnv;
  Object.assign(env, extraEnv);
  const child = spawn(process.execPath, ["--experimental-wasm-modules", "--no-warnings", "--import", "tsx", script, ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
  child.stderr.on("data", (c: Buffer) => (out += c.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  return { code, lines: out.split("\n").filter(Boolean), transcript: out };
}

function expectOneLineFailure(run: Awaited<ReturnType<typeof runLauncher>>, prefix: string, line: RegExp) {
  expect(run.code, run.transcript).toBe(1);
  expect(
    run.lines.filter((l) => l.startsWith(prefix) && line.test(l)),
    run.transcript,
  ).toHaveLength(1);
  // No stack trace, no error object dumped.
  expect(
    run.lines.filter((l) => /^\s+at |Error:|AppError|\{$|details:/.test(l)),
    run.transcript,
  ).toEqual([]);
}

describe("a local service that cannot start", () => {
  afterAll(() => {
    // As root in a private folder, the cluster was placed under /var/lib/countersign (place-postgres).
    const placed = existsSync(path.join(dataDir, "local.json"))
      ? (JSON.parse(readFileSync(path.join(dataDir, "local.json"), "utf8")) as { postgresDataDir?: string }).postgresDataDir
      : undefined;
    if (placed) rmSync(path.dirname(placed), { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("npm start: PostgreSQL's port taken → one line with the fix", async () => {
    const taken = await occupy();
    try {
      const run = await runLauncher("programs/launcher/start.ts", {
        DATA_DIR: dataDir,
        LOCAL_PG_PORT: String(taken.port),
        LOCAL_REDIS_PORT: String(await freePort(0)),
        PORT: String(await freePort(0)),
      });
      expectOneLineFailure(
        run,
        "start  | ",
        new RegExp(`^start  \\| Port ${taken.port} \\(local PostgreSQL\\) is in use by another program — set LOCAL_PG_PORT to a free port`),
      );
    } finally {
      await taken.close();
    }
  });

  it("npm start: Redis's port taken → one line with the fix, and the PostgreSQL it started is stopped", async () => {
    const taken = await occupy();
    const pgPort = await freePort(0);
    try {
      const run = await runLauncher("programs/launcher/start.ts", {
        DATA_DIR: dataDir,
        LOCAL_PG_PORT: String(pgPort),
        LOCAL_REDIS_PORT: String(taken.port),
        PORT: String(await freePort(0)),
      });
      expectOneLineFailure(
        run,
        "start  | ",
        new RegExp(`^start  \\| Port ${taken.port} \\(local Redis\\) is in use by another program — set LOCAL_REDIS_PORT to a free port`),
      );
      expect(await isPortOpen(pgPort)).toBe(false);
    } finally {
      await taken.close();
    }
  }, 60_000);

  it("npm start: redis-server not on the PATH → one line saying how to install it", async () => {
    // A PATH with the few programs the launcher itself calls, and no redis-server.
    const bin = path.join(dataDir, "path-without-redis");
    mkdirSync(bin, { recursive: true });
    for (const program of ["sh", "id", "getent"]) {
      const found = execFileSync("sh", ["-c", `command -v ${program}`], { encoding: "utf8" }).trim();
      if (!existsSync(path.join(bin, program))) symlinkSync(found, path.join(bin, program));
    }
    const pgPort = await freePort(0);
    const run = await runLauncher("programs/launcher/start.ts", {
      PATH: bin,
      DATA_DIR: dataDir,
      LOCAL_PG_PORT: String(pgPort),
      LOCAL_REDIS_PORT: String(await freePort(0)),
      PORT: String(await freePort(0)),
    });
    expectOneLineFailure(
      run,
      "start  | ",
      /^start {2}\| redis-server is not on the PATH — install it \(Debian\/Ubuntu: sudo apt-get install -y redis-server; macOS: brew install redis\), or set REDIS_URL$/,
    );
    expect(await isPortOpen(pgPort)).toBe(false);
  }, 60_000);

  it("npm start: a cluster left by another install (another password) → one line with the fix", async () => {
    // The previous test initialised this install's cluster; its settings now carry another password.
    const settings = path.join(dataDir, "local.json");
    writeFileSync(settings, JSON.stringify({ ...JSON.parse(readFileSync(settings, "utf8")), pgPassword: "not-the-clusters-password" }));
    const pgPort = await freePort(0);
    const run = await runLauncher("programs/launcher/start.ts", {
      DATA_DIR: dataDir,
      LOCAL_PG_PORT: String(pgPort),
      LOCAL_REDIS_PORT: String(await freePort(0)),
      PORT: String(await freePort(0)),
    });
    expectOneLineFailure(
      run,
      "start  | ",
      new RegExp(
        `^start  \\| The local PostgreSQL on port ${pgPort} refused the connection: password authentication failed for user "postgres" — if its data directory belongs to another install, move it away`,
      ),
    );
    expect(await isPortOpen(pgPort)).toBe(false);
  }, 60_000);

  it("npm start: the server itself refuses to start → one line with its reason and where its log is", async () => {
    // The cluster of the tests above, with a setting PostgreSQL does not know.
    const placed = (JSON.parse(readFileSync(path.join(dataDir, "local.json"), "utf8")) as { postgresDataDir?: string }).postgresDataDir;
    appendFileSync(path.join(placed ?? path.join(dataDir, "postgres"), "postgresql.conf"), "\nnot_a_setting = 1\n");
    const pgPort = await freePort(0);
    const run = await runLauncher("programs/launcher/start.ts", {
      DATA_DIR: dataDir,
      LOCAL_PG_PORT: String(pgPort),
      LOCAL_REDIS_PORT: String(await freePort(0)),
      PORT: String(await freePort(0)),
    });
    expectOneLineFailure(
      run,
      "start  | ",
      new RegExp(
        `^start  \\| PostgreSQL did not start on port ${pgPort}: configuration file ".*postgresql.conf" contains errors — see ${dataDir}/postgres-start.log`,
      ),
    );
    expect(readFileSync(path.join(dataDir, "postgres-start.log"), "utf8")).toContain(
      'unrecognized configuration parameter "not_a_setting"',
    );
    expect(await isPortOpen(pgPort)).toBe(false);
  }, 60_000);

  it("npm test and npm run bench: PostgreSQL's port taken → one line with the fix", async () => {
    const taken = await occupy();
    try {
      for (const [script, prefix] of [
        ["tests/run.ts", "test   | "],
        ["bench/run.ts", "bench  | "],
      ] as const) {
        const run = await runLauncher(
          script,
          { LOCAL_PG_PORT: String(taken.port), LOCAL_REDIS_PORT: String(await freePort(0)) },
          script === "tests/run.ts" ? ["vitest", "tests/unit/none"] : [],
        );
        expectOneLineFailure(
          run,
          prefix,
          new RegExp(
            `^${prefix.replace("|", "\\|")}Port ${taken.port} \\(local PostgreSQL\\) is in use by another program — set LOCAL_PG_PORT`,
          ),
        );
      }
    } finally {
      await taken.close();
    }
  }, 60_000);
});
