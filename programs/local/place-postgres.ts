import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { rememberPostgresDataDir, type LocalInstall } from "./local-install.ts";
import { postgresUser } from "./postgres-user.ts";
import { reachableAs, type UnixUser } from "./reachable-as.ts";
import { postgresBinaries, SHARED_ROOT } from "./shared-postgres-binaries.ts";

export type PostgresPlacement = {
  binDir: string;
  databaseDir: string;
  /** The user the server runs as; null: as ourselves (not root). */
  runAs: UnixUser | null;
};

/**
 * Where the local PostgreSQL's binaries and data are, so that the user it runs as can reach them.
 * Not root: in place (`<dataDir>/postgres`). Root: as the `postgres` user; whatever that user cannot
 * reach under a private folder is placed under /var/lib/countersign instead — the binaries shared
 * per version, the data directory per install (`install-<id>/postgres`, owned by postgres, 0700),
 * remembered in local.json so every later start, test and CLI finds the same cluster.
 */
export async function placePostgres(install: LocalInstall, log: (line: string) => void): Promise<PostgresPlacement> {
  const runAs = process.getuid?.() === 0 ? postgresUser() : null;
  const { binDir } = await postgresBinaries(runAs, log);
  if (install.postgresDataDir) return { binDir, databaseDir: install.postgresDataDir, runAs };
  const inPlace = path.join(install.dataDir, "postgres");
  // An existing cluster stays where it is (it was reachable when it was made).
  if (!runAs || existsSync(path.join(inPlace, "PG_VERSION")) || reachableAs(inPlace, runAs)) return { binDir, databaseDir: inPlace, runAs };

  const home = path.join(SHARED_ROOT, `install-${randomBytes(6).toString("hex")}`);
  mkdirSync(SHARED_ROOT, { recursive: true, mode: 0o755 });
  mkdirSync(home, { mode: 0o700 });
  chownSync(home, runAs.uid, runAs.gid);
  const databaseDir = path.join(home, "postgres");
  log(`The ${runAs.name} user cannot reach ${install.dataDir}; PostgreSQL's data goes to ${databaseDir}`);
  rememberPostgresDataDir(install, databaseDir);
  return { binDir, databaseDir, runAs };
}
