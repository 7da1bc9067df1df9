import { db } from "@/lib/platform/db.ts";

/** Strikes older than this cannot count in any breaker window (the longest allowed is 7 days). */
const STRIKE_RETENTION_MS = 8 * 24 * 3600 * 1000;

/** Housekeeping (`limits.prune`, hourly): old breaker strikes and expired fallback rate counters. */
export async function pruneLimitRecords(now = new Date()): Promise<{ strikes: number; counters: number }> {
  const strikes = await db().agentStrike.deleteMany({ where: { at: { lt: new Date(now.getTime() - STRIKE_RETENTION_MS) } } });
  const counters = await db().rateLimitCounter.deleteMany({ where: { expire: { lt: BigInt(now.getTime()) } } });
  return { strikes: strikes.count, counters: counters.count };
}
