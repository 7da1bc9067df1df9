import pg from "pg";
import { RateLimiterPostgres, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/kernel/errors.ts";
import { databaseUrl, env } from "@/lib/platform/env.ts";
import { redis, redisLost } from "@/lib/platform/redis.ts";

// Submissions per agent per minute, counted in Redis so every web instance shares one count.
// While Redis is unreachable the count moves to PostgreSQL (rate-limiter-flexible's Postgres
// store, table rate_limit_counters), still shared by every instance; with
// RATE_LIMIT_FALLBACK=none there is no fallback. If no store answers, submissions are refused
// with 503: the limit never silently stops holding.
// One counter per agent with a ceiling no one reaches; each agent's own limit is compared with
// the count, so a per-agent setting takes effect at once without a second counter.

const WINDOW_SECONDS = 60;
const CEILING = 1_000_000_000;

const globalForLimiter = globalThis as unknown as {
  countersignSubmitLimiter?: RateLimiterRedis;
  countersignFallbackLimiter?: RateLimiterPostgres;
};

function fallbackLimiter(): RateLimiterPostgres {
  if (globalForLimiter.countersignFallbackLimiter) return globalForLimiter.countersignFallbackLimiter;
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: 4, connectionTimeoutMillis: 2000 });
  pool.on("error", () => {}); // an idle client's error surfaces on its next query
  globalForLimiter.countersignFallbackLimiter = new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    tableName: "rate_limit_counters",
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix: "submit",
    points: CEILING,
    duration: WINDOW_SECONDS,
  });
  return globalForLimiter.countersignFallbackLimiter;
}

function submitLimiter(): RateLimiterRedis {
  globalForLimiter.countersignSubmitLimiter ??= new RateLimiterRedis({
    storeClient: redis(),
    keyPrefix: "countersign:rl:submit",
    points: CEILING,
    duration: WINDOW_SECONDS,
    // A failed command (timeout, connection dropped mid-flight) is counted by the fallback.
    ...(env().RATE_LIMIT_FALLBACK === "postgres" ? { insuranceLimiter: fallbackLimiter() } : {}),
  });
  return globalForLimiter.countersignSubmitLimiter;
}

/**
 * The store to count in: Redis, unless its connection was up and is now lost — then the fallback
 * at once, instead of a command timeout on every submission. (While the connection is first
 * being made, commands wait for it, so the first submissions after a start are counted in Redis
 * too.)
 */
function currentLimiter(): RateLimiterRedis | RateLimiterPostgres {
  if (redisLost()) {
    if (env().RATE_LIMIT_FALLBACK === "postgres") return fallbackLimiter();
    throw new AppError("service_unavailable", "Submissions are paused: the rate limiter's store is unreachable", undefined, 5);
  }
  return submitLimiter();
}

/** Counts one submission; 429 with Retry-After over `perMinute`, 503 if no store can count. */
export async function consumeSubmitQuota(agentId: string, perMinute: number): Promise<void> {
  let result: RateLimiterRes;
  try {
    result = await currentLimiter().consume(agentId);
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof RateLimiterRes) result = e;
    else throw new AppError("service_unavailable", "Submissions are paused: the rate limiter's store is unreachable", undefined, 5);
  }
  if (result.consumedPoints > perMinute) {
    throw new AppError(
      "rate_limited",
      `Too many submissions: this agent may submit ${perMinute} per minute`,
      { limit: "submits_per_minute", perMinute },
      result.msBeforeNext / 1000,
    );
  }
}
