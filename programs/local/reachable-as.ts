import { existsSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

export type UnixUser = { name: string; uid: number; gid: number; groups: number[] };

/** The permission bits (r=4, w=2, x=1) that apply to `user` on a file with this owner and mode. */
function bitsFor(user: UnixUser, stat: { uid: number; gid: number; mode: number }): number {
  if (stat.uid === user.uid) return (stat.mode >> 6) & 7;
  if (stat.gid === user.gid || user.groups.includes(stat.gid)) return (stat.mode >> 3) & 7;
  return stat.mode & 7;
}

/**
 * Whether `user` can reach `target`: every directory from / down to it (after following
 * symbolic links) is searchable by that user, and `target` itself, if it exists, grants `need`.
 * A path that does not exist yet is judged by its existing ancestors (the caller creates it and
 * gives it to the user). ACLs are not read: a folder opened to the user by an ACL alone counts
 * as unreachable, which costs only a copy.
 */
export function reachableAs(target: string, user: UnixUser, need: { read?: boolean; write?: boolean; execute?: boolean } = {}): boolean {
  let existing = path.resolve(target);
  while (!existsSync(existing)) existing = path.dirname(existing);
  const real = realpathSync(existing);
  const parts = real.split(path.sep).filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const dir = path.sep + parts.slice(0, i).join(path.sep);
    if ((bitsFor(user, statSync(dir)) & 1) === 0) return false;
  }
  if (existing !== path.resolve(target)) {
    // The nearest existing ancestor must at least be searchable; it is the last part checked below.
    return (bitsFor(user, statSync(real)) & 1) === 1;
  }
  const wanted = (need.read ? 4 : 0) | (need.write ? 2 : 0) | (need.execute ? 1 : 0);
  return (bitsFor(user, statSync(real)) & wanted) === wanted;
}
