import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { redis } from "@/lib/server/redis.ts";

// Failed sign-ins per email: 10 in 15 minutes, then that email is refused until the window ends.
// Counted in Redis so every web instance shares it (in memory per instance while Redis is down).
const POINTS = 10;
const DURATION = 15 * 60;
let limiter: RateLimiterRedis | undefined;

function failures(): RateLimiterRedis {
  limiter ??= new RateLimiterRedis({
    storeClient: redis(),
    keyPrefix: "countersign:rl:signin",
    points: POINTS,
    duration: DURATION,
    insuranceLimiter: new RateLimiterMemory({ points: POINTS, duration: DURATION }),
    rejectIfRedisNotReady: true,
  });
  return limiter;
}

export async function signInBlocked(email: string): Promise<boolean> {
  const state = await failures().get(email);
  return state !== null && state.consumedPoints >= POINTS;
}

export async function recordFailedSignIn(email: string): Promise<void> {
  await failures().penalty(email, 1).catch((e: unknown) => {
    if (!(e instanceof RateLimiterRes)) throw e;
  });
}

export async function clearFailedSignIns(email: string): Promise<void> {
  await failures().delete(email);
}
