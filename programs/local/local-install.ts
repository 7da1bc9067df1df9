import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateKeyRingEntry } from "@/lib/platform/crypto/key-ring.ts";

/**
 * A local install keeps its generated settings (ports, database password, session secret, encryption key) in
 * `<dataDir>/local.json`, mode 0600, so a second start, the CLI and the worker all find the same
 * services. Used only when no DATABASE_URL / REDIS_URL is given.
 */
export type LocalInstall = {
  dataDir: string;
  pgPort: number;
  pgPassword: string;
  redisPort: number;
  authSecret: string;
  /** ENCRYPTION_KEYS of the local install ("local1:<base64>"). */
  encryptionKeys: string;
  seeded: boolean;
  /**
   * Where PostgreSQL keeps its data when not `<dataDir>/postgres`: as root, when the `postgres`
   * user cannot reach the data directory (a private folder), under /var/lib/countersign/.
   */
  postgresDataDir?: string;
};

export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? ".data");
}

function settingsPath(dir: string): string {
  return path.join(dir, "local.json");
}

export function readLocalInstall(dir = dataDir()): LocalInstall | null {
  const file = settingsPath(dir);
  if (!existsSync(file)) return null;
  const install = { ...JSON.parse(readFileSync(file, "utf8")), dataDir: dir } as LocalInstall;
  if (!install.encryptionKeys) {
    // Installs made before encryption at rest existed get their key ring on first read.
    install.encryptionKeys = generateKeyRingEntry("local1");
    writeLocalInstall(install);
  }
  // Ports are not state: LOCAL_PG_PORT / LOCAL_REDIS_PORT move an existing install.
  if (process.env.LOCAL_PG_PORT) install.pgPort = Number(process.env.LOCAL_PG_PORT);
  if (process.env.LOCAL_REDIS_PORT) install.redisPort = Number(process.env.LOCAL_REDIS_PORT);
  return install;
}

export function writeLocalInstall(install: LocalInstall): void {
  const { dataDir: dir, ...rest } = install;
  writeFileSync(settingsPath(dir), JSON.stringify(rest, null, 2) + "\n", { mode: 0o600 });
}

export function loadOrCreateLocalInstall(dir = dataDir()): LocalInstall {
  const existing = readLocalInstall(dir);
  if (existing) return existing;
  // 0755: when run as root, PostgreSQL runs as the `postgres` user and must reach its folder below.
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const install: LocalInstall = {
    dataDir: dir,
    pgPort: Number(process.env.LOCAL_PG_PORT ?? 54329),
    pgPassword: randomBytes(24).toString("base64url"),
    redisPort: Number(process.env.LOCAL_REDIS_PORT ?? 63799),
    authSecret: randomBytes(32).toString("base64url"),
    encryptionKeys: generateKeyRingEntry("local1"),
    seeded: false,
  };
  writeLocalInstall(install);
  return install;
}

export function localDatabaseUrl(install: LocalInstall, database = "countersign"): string {
  return `postgresql://postgres:${encodeURIComponent(install.pgPassword)}@127.0.0.1:${install.pgPort}/${database}`;
}

export function localRedisUrl(install: LocalInstall): string {
  return `redis://127.0.0.1:${install.redisPort}`;
}

/** Records where PostgreSQL's data was placed, changing nothing else in local.json (ports given by env stay unwritten). */
export function rememberPostgresDataDir(install: LocalInstall, postgresDataDir: string): void {
  const file = settingsPath(install.dataDir);
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), postgresDataDir }, null, 2) + "\n", { mode: 0o600 });
  install.postgresDataDir = postgresDataDir;
}
