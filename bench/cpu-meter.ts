import path from "node:path";
import type { Stack } from "@/programs/launcher/start-stack.ts";
import { readLocalInstall } from "@/programs/local/local-install.ts";
import { pidFromFile, treeCpuMs } from "./processes.ts";

export type CpuReading = Record<"web" | "worker" | "postgres" | "redis", number>;

/**
 * Reads the CPU time used so far by each part of the bench stack: web app, worker, PostgreSQL
 * (postmaster and backends) and Redis. The difference of two readings over a load phase, divided
 * by the requests served, is each part's CPU cost per request.
 */
export function cpuMeter(stack: Stack, dataDir: string): () => CpuReading {
  const pid = (name: string) => stack.app.find((p) => p.name === name)!.child.pid!;
  // As root in a private folder, the cluster lives where place-postgres put it (local.json says where).
  const pg = pidFromFile(path.join(readLocalInstall(dataDir)?.postgresDataDir ?? path.join(dataDir, "postgres"), "postmaster.pid"));
  const redis = pidFromFile(path.join(dataDir, "redis", "redis.pid"));
  return () => ({ web: treeCpuMs(pid("web")), worker: treeCpuMs(pid("worker")), postgres: treeCpuMs(pg), redis: treeCpuMs(redis) });
}

export function cpuPerRequest(before: CpuReading, after: CpuReading, requests: number): CpuReading {
  const per = (k: keyof CpuReading) => (after[k] - before[k]) / Math.max(1, requests);
  return { web: per("web"), worker: per("worker"), postgres: per("postgres"), redis: per("redis") };
}
