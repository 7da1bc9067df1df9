import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { LocalInstall } from "./local-install.ts";
import { isPortOpen } from "./local-postgres.ts";
import { oneLine, serviceFailure } from "./service-failure.ts";

export type RunningRedis = { stop: () => Promise<void>; startedHere: boolean };

function findRedisServer(): string {
  const found = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  const bin = found.stdout.trim();
  if (!bin)
    throw serviceFailure(
      "redis-server is not on the PATH",
      "install it (Debian/Ubuntu: sudo apt-get install -y redis-server; macOS: brew install redis), or set REDIS_URL",
    );
  return bin;
}

/**
 * Starts `redis-server` from the PATH with its data under `<dataDir>/redis`: loopback only,
 * append-only file on, and `noeviction` as BullMQ requires. Reused if already running.
 * `ownProcessGroup`: out of reach of a terminal's Ctrl-C; the caller stops it (see local-postgres).
 */
export async function startLocalRedis(
  install: Pick<LocalInstall, "dataDir" | "redisPort">,
  log: (line: string) => void,
  options: { ownProcessGroup?: boolean } = {},
): Promise<RunningRedis> {
  const dir = path.join(install.dataDir, "redis");
  const pidFile = path.join(dir, "redis.pid");
  if (await isPortOpen(install.redisPort)) {
    if (existsSync(pidFile)) return { stop: async () => {}, startedHere: false };
    throw serviceFailure(
      `Port ${install.redisPort} (local Redis) is in use by another program`,
      "set LOCAL_REDIS_PORT to a free port, or stop the program using it",
    );
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const child = spawn(
    findRedisServer(),
    [
      "--port",
      String(install.redisPort),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--appendonly",
      "yes",
      "--save",
      "",
      "--maxmemory-policy",
      "noeviction",
      "--protected-mode",
      "yes",
      "--pidfile",
      pidFile,
    ],
    { stdio: ["ignore", "ignore", "pipe"], detached: options.ownProcessGroup ?? false },
  );
  const said: string[] = [];
  child.stderr.on("data", (d: Buffer) => {
    said.push(d.toString().trim());
    log(`redis: ${d.toString().trim()}`);
  });
  let spawnError: Error | undefined;
  child.once("error", (e) => (spawnError = e));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const fix = `check ${dir} is writable and LOCAL_REDIS_PORT is free, or set REDIS_URL`;
  for (let i = 0; ; i++) {
    if (await isPortOpen(install.redisPort)) break;
    if (spawnError) throw serviceFailure(`redis-server could not be run (${spawnError.message})`, fix);
    if (child.exitCode !== null)
      throw serviceFailure(`redis-server exited with code ${child.exitCode}${said.length ? `: ${oneLine(said.at(-1)!)}` : ""}`, fix);
    if (i === 200) {
      child.kill("SIGKILL");
      throw serviceFailure(`redis-server did not open port ${install.redisPort} within 10 s`, fix);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    startedHere: true,
    stop: async () => {
      // SIGTERM: redis-server rewrites nothing (AOF is already on disk) and exits.
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
