import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { redis } from "@/lib/platform/redis.ts";

// Failed sign-ins, counted in Redis so every web instance shares them (in memory per instance
// while Redis is down), over 15 minutes, three ways:
// - per email and source address: 10 failures refuse that pair — a guesser is stopped without
//   locking the account's owner out from anywhere else;
// - per source address: 100 failures (over any emails) refuse that address;
// - per email, from anywhere: no refusal (anyone who knows a reviewer's email could otherwise lock
//   them out, as one email limit did), but past 10 failures every attempt on that email waits,
//   500 ms more per further failure up to 5 s, which slows guessing from many addresses.
const WINDOW = 15 * 60;
export const SIGN_IN_LIMITS = { perPair: 10, perSource: 100, slowAfter: 10, stepMs: 500, maxDelayMs: 5000 } as const;

const limiters = new Map<string, RateLimiterRedis>();

function failures(name: "pair" | "source" | "email", points: number): RateLimiterRedis {
  let limiter = limiters.get(name);
  if (!limiter) {
    limiter = new RateLimiterRedis({
      storeClient: redis(),
      keyPrefix: `countersign:rl:signin:${name}`,
      points,
      duration: WINDOW,
      insuranceLimiter: new RateLimiterMemory({ points, duration: WINDOW }),
      rejectIfRedisNotReady: true,
    });
    limiters.set(name, limiter);
  }
  return limiter;
}

const pair = () => failures("pair", SIGN_IN_LIMITS.perPair);
const source = () => failures("source", SIGN_IN_LIMITS.perSource);
const email = () => failures("email", 1_000_000);
const pairKey = (address: string, from: string) => `${address}|${from}`;

const consumed = async (limiter: RateLimiterRedis, key: string) => (await limiter.get(key))?.consumedPoints ?? 0;

/** How long an attempt on this email waits, given its failures from anywhere in the window. */
export function signInDelayMs(emailFailures: number): number {
  if (emailFailures < SIGN_IN_LIMITS.slowAfter) return 0;
  return Math.min(SIGN_IN_LIMITS.maxDelayMs, (emailFailures - SIGN_IN_LIMITS.slowAfter + 1) * SIGN_IN_LIMITS.stepMs);
}

/**
 * Whether this email may try to sign in from this address now; waits first when the email has
 * many recent failures (see above).
 */
export async function signInAllowed(address: string, from: string): Promise<boolean> {
  const [byPair, bySource, byEmail] = await Promise.all([
    consumed(pair(), pairKey(address, from)),
    consumed(source(), from),
    consumed(email(), address),
  ]);
  if (byPair >= SIGN_IN_LIMITS.perPair || bySource >= SIGN_IN_LIMITS.perSource) return false;
  const delay = signInDelayMs(byEmail);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  return true;
}

export async function recordFailedSignIn(address: string, from: string): Promise<void> {
  const ignoreLimit = (e: unknown) => {
    if (!(e instanceof RateLimiterRes)) throw e;
  };
  await Promise.all([
    pair().penalty(pairKey(address, from), 1).catch(ignoreLimit),
    source().penalty(from, 1).catch(ignoreLimit),
    email().penalty(address, 1).catch(ignoreLimit),
  ]);
}

/** A successful sign-in clears its email's counts; the address's own count stays. */
export async function clearFailedSignIns(address: string, from: string): Promise<void> {
  await Promise.all([pair().delete(pairKey(address, from)), email().delete(address)]);
}
