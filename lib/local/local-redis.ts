import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { LocalInstall } from "./local-install.ts";
import { isPortOpen } from "./local-postgres.ts";

export type RunningRedis = { stop: () => Promise<void>; startedHere: boolean };

export class RedisMissingError extends Error {
  constructor() {
    super(
      "redis-server is not on the PATH. Install it (Debian/Ubuntu: sudo apt-get install -y redis-server; macOS: brew install redis) or set REDIS_URL.",
    );
  }
}

function findRedisServer(): string {
  const found = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  const bin = found.stdout.trim();
  if (!bin) throw new RedisMissingError();
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
    throw new Error(`Port ${install.redisPort} is in use by another server; set LOCAL_REDIS_PORT to a free port.`);
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const child = spawn(
    findRedisServer(),
    [
      "--port", String(install.redisPort),
      "--bind", "127.0.0.1",
      "--dir", dir,
      "--appendonly", "yes",
      "--save", "",
      "--maxmemory-policy", "noeviction",
      "--protected-mode", "yes",
      "--pidfile", pidFile,
    ],
    { stdio: ["ignore", "ignore", "pipe"], detached: options.ownProcessGroup ?? false },
  );
  child.stderr.on("data", (d: Buffer) => log(`redis: ${d.toString().trim()}`));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; i < 100; i++) {
    if (await isPortOpen(install.redisPort)) break;
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
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
