import { db } from "@/lib/platform/db.ts";
import { redis, redisLost } from "@/lib/platform/redis.ts";

export type Health = { status: "ok" | "degraded"; db: "ok" | "down"; redis: "ok" | "down" };

async function probe(check: () => Promise<unknown>, timeoutMs = 1000): Promise<"ok" | "down"> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), timeoutMs)))]);
    return "ok";
  } catch {
    return "down";
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness of the two dependencies; says nothing else (the endpoint is unauthenticated). */
export async function checkHealth(): Promise<Health> {
  const [dbState, redisState] = await Promise.all([
    probe(() => db().$queryRaw`SELECT 1`),
    redisLost() ? ("down" as const) : probe(() => redis().ping()),
  ]);
  return { status: dbState === "ok" && redisState === "ok" ? "ok" : "degraded", db: dbState, redis: redisState };
}
