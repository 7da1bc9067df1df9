import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors.ts";
import { env } from "@/lib/server/env.ts";
import { redis } from "@/lib/server/redis.ts";

let limiter: RateLimiterRedis | undefined;

function submitLimiter(): RateLimiterRedis {
  const points = env().RATE_LIMIT_SUBMITS_PER_MINUTE;
  limiter ??= new RateLimiterRedis({
    storeClient: redis(),
    keyPrefix: "countersign:rl:submit",
    points,
    duration: 60,
    // Shared across web instances through Redis. While Redis is unreachable each instance keeps
    // counting in memory, so the limit still holds per instance instead of vanishing.
    insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
    // ...and switches to it at once instead of waiting for a command timeout on every submission.
    rejectIfRedisNotReady: true,
  });
  return limiter;
}

/** Counts one submission for the agent; 429 with Retry-After when over the per-minute limit. */
export async function consumeSubmitQuota(agentId: string): Promise<void> {
  try {
    await submitLimiter().consume(agentId);
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      throw new AppError("rate_limited", "Too many submissions; retry later", undefined, e.msBeforeNext / 1000);
    }
    throw e;
  }
}
