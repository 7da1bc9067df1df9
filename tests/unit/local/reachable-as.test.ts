// Whether another user (as root: the postgres user) can reach a path: every directory above it
// searchable for that user by owner, group or other bits — the check that decides whether
// PostgreSQL's binaries and data must be placed under /var/lib/countersign (place-postgres).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { reachableAs, type UnixUser } from "@/programs/local/reachable-as.ts";

const me = { uid: process.getuid!(), gid: process.getgid!() };
// Another user: neither our uid nor (unless said) our group.
const other = (groups: number[] = []): UnixUser => ({ name: "other", uid: me.uid + 4242, gid: me.gid + 4242, groups });
const top = mkdtempSync(path.join(tmpdir(), "reachable-")); // 0700, like mktemp -d
const bin = path.join(top, "app", "bin");
mkdirSync(bin, { recursive: true, mode: 0o755 });
writeFileSync(path.join(bin, "postgres"), "", { mode: 0o755 });

describe("reachableAs", () => {
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  it("is false below a 0700 folder of another owner, true once others may search it", () => {
    chmodSync(top, 0o700);
    expect(reachableAs(path.join(bin, "postgres"), other(), { read: true, execute: true })).toBe(false);
    expect(reachableAs(path.join(top, "app", "data", "postgres"), other())).toBe(false);
    chmodSync(top, 0o711);
    expect(reachableAs(path.join(bin, "postgres"), other(), { read: true, execute: true })).toBe(true);
    expect(reachableAs(path.join(top, "app", "data", "postgres"), other())).toBe(true);
  });

  it("uses the group bits for a member of the folder's group, the owner bits for its owner", () => {
    chmodSync(top, 0o710);
    expect(reachableAs(bin, other())).toBe(false);
    expect(reachableAs(bin, other([me.gid]))).toBe(true);
    chmodSync(top, 0o700);
    expect(reachableAs(bin, { name: "me", uid: me.uid, gid: me.gid, groups: [] })).toBe(true);
  });

  it("checks the target's own permission when asked", () => {
    chmodSync(top, 0o755);
    chmodSync(path.join(bin, "postgres"), 0o700);
    expect(reachableAs(path.join(bin, "postgres"), other(), { read: true, execute: true })).toBe(false);
    chmodSync(path.join(bin, "postgres"), 0o755);
    expect(reachableAs(path.join(bin, "postgres"), other(), { read: true, execute: true })).toBe(true);
  });
});
