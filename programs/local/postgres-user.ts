import { spawnSync } from "node:child_process";
import type { UnixUser } from "./reachable-as.ts";
import { serviceFailure } from "./service-failure.ts";

const NAME = "postgres";

function lookUp(name: string): UnixUser | null {
  const id = (flag: string) => spawnSync("id", [flag, name], { encoding: "utf8" });
  const uid = id("-u");
  if (uid.status !== 0) return null;
  return {
    name,
    uid: Number(uid.stdout.trim()),
    gid: Number(id("-g").stdout.trim()),
    groups: id("-G").stdout.trim().split(/\s+/).filter(Boolean).map(Number),
  };
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the unprivileged `postgres` user: the
 * existing one (Debian's packages create it), or a system user created here, with no login shell
 * and no home of its own.
 */
export function postgresUser(): UnixUser {
  const existing = lookUp(NAME);
  if (existing) return existing.uid === 0 ? refuse("has uid 0") : existing;
  // -U: a group of the same name; -g instead when that group already exists (useradd refuses -U then).
  const groupExists = spawnSync("getent", ["group", NAME]).status === 0;
  const made = spawnSync(
    "useradd",
    [
      "--system",
      ...(groupExists ? ["-g", NAME] : ["-U"]),
      "--no-create-home",
      "--home-dir",
      "/nonexistent",
      "--shell",
      "/usr/sbin/nologin",
      NAME,
    ],
    { encoding: "utf8" },
  );
  const created = lookUp(NAME);
  if (!created) {
    const why = made.error ? made.error.message : made.stderr.trim() || `useradd exited with ${made.status}`;
    throw serviceFailure(
      `PostgreSQL cannot run as root and the user "${NAME}" could not be created (${why})`,
      `create an unprivileged user named ${NAME} (e.g. useradd --system -U ${NAME}), or run npm start as a non-root user, or set DATABASE_URL`,
    );
  }
  return created;
}

function refuse(why: string): never {
  throw serviceFailure(
    `The user "${NAME}" ${why}; PostgreSQL must run unprivileged`,
    `give ${NAME} an unprivileged uid, or run npm start as a non-root user, or set DATABASE_URL`,
  );
}
