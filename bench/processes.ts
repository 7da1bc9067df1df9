import { readFileSync, readdirSync } from "node:fs";

/** A process and all its descendants, from /proc (Linux). */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* the process ended meanwhile */
    }
  }
  const tree: number[] = [];
  const visit = (p: number) => {
    tree.push(p);
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return tree;
}

function readOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback; // the process ended meanwhile
  }
}

/** Resident memory (bytes) of a process and all its descendants. */
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * CPU time (ms, user + system) used so far by a process and its live descendants. Differences
 * between two readings give a workload's CPU cost per process — unlike latency, not skewed by
 * whatever else shares the machine (Postgres backends that exited in between are missed).
 */
export function treeCpuMs(pid: number): number {
  return processTree(pid).reduce((total, p) => {
    const fields = readOr(() => {
      const s = readFileSync(`/proc/${p}/stat`, "utf8");
      return s.slice(s.lastIndexOf(")") + 2).split(" ");
    }, [] as string[]);
    return total + ((Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 1000) / TICKS_PER_SECOND;
  }, 0);
}

/** The pid in the first line of a pid file (postmaster.pid, redis.pid). */
export function pidFromFile(file: string): number {
  return Number(readFileSync(file, "utf8").split("\n")[0]);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * CPU time (ms) the whole machine has spent busy so far, all cores (from /proc/stat): what a
 * submission costs everyone — web, worker, PostgreSQL, Redis and the load generator alike.
 */
export function machineBusyMs(): number {
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
  return (((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 1000) / TICKS_PER_SECOND;
}
