import type { Redis } from "ioredis";
import { logger } from "@/lib/platform/logger.ts";
import { newRedis, redis, redisLost } from "@/lib/platform/redis.ts";

// Wakes `wait` calls on every web instance when a request leaves `pending`. Redis pub/sub is a
// hint: a waiter always re-reads Postgres, and a lost message only means it returns at its timeout.
export const DECISION_CHANNEL = "countersign:request-closed";

type Listener = { subscriber: Redis; ready: Promise<void>; waiters: Map<string, Set<() => void>> };
const globalForSignal = globalThis as unknown as { countersignDecisionListener?: Listener };

function listener(): Listener {
  if (globalForSignal.countersignDecisionListener) return globalForSignal.countersignDecisionListener;
  const subscriber = newRedis();
  const waiters = new Map<string, Set<() => void>>();
  subscriber.on("error", (err) => logger.debug({ err }, "decision subscriber error"));
  subscriber.on("message", (_channel: string, requestId: string) => {
    for (const wake of waiters.get(requestId) ?? []) wake();
  });
  const ready = subscriber.subscribe(DECISION_CHANNEL).then(() => undefined);
  ready.catch((err) => logger.warn({ err }, "decision subscriber could not subscribe"));
  globalForSignal.countersignDecisionListener = { subscriber, ready, waiters };
  return globalForSignal.countersignDecisionListener;
}

/** Whether the signal can reach waiters now; if not, they poll Postgres instead. */
export function signalsLive(): boolean {
  return listener().subscriber.status === "ready";
}

/** Announces (after commit) that a request is no longer pending. Never throws, never waits on a lost Redis. */
export async function signalRequestClosed(requestId: string): Promise<void> {
  if (redisLost()) return;
  try {
    await redis().publish(DECISION_CHANNEL, requestId);
  } catch (err) {
    logger.warn({ err, requestId }, "could not publish decision signal; waiters fall back to their timeout");
  }
}

/**
 * Registers interest in a request before the caller re-reads its state (so a decision landing
 * in between is not missed). `closed` settles on the signal, the timeout, or abort.
 */
export async function watchRequest(requestId: string, timeoutMs: number, signal?: AbortSignal) {
  const l = listener();
  let wake!: () => void;
  const closed = new Promise<void>((resolve) => (wake = resolve));
  const set = l.waiters.get(requestId) ?? new Set();
  set.add(wake);
  l.waiters.set(requestId, set);
  const timer = setTimeout(wake, timeoutMs);
  const onAbort = () => wake();
  signal?.addEventListener("abort", onAbort, { once: true });
  let settled = false;
  const done = closed.finally(() => {
    settled = true;
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
    set.delete(wake);
    if (set.size === 0 && l.waiters.get(requestId) === set) l.waiters.delete(requestId);
  });
  // Wait (briefly) for the subscription so a decision right after our re-read reaches us.
  await Promise.race([l.ready.catch(() => undefined), new Promise((r) => setTimeout(r, 500))]);
  return { closed: done, cancel: wake, settled: () => settled };
}
