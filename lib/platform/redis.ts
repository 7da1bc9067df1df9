import { Redis } from "ioredis";
import { env } from "./env.ts";

const globalForRedis = globalThis as unknown as { countersignRedis?: Redis };

/** Options every connection shares; BullMQ requires maxRetriesPerRequest = null on its own. */
export function redisOptions() {
  return { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: false } as const;
}

/** A new connection (BullMQ workers and subscribers need their own). */
export function newRedis(): Redis {
  return new Redis(env().REDIS_URL, redisOptions());
}

/**
 * True once the command connection was up and is now lost (not while it first connects): callers
 * on the request path skip Redis then instead of waiting for its command timeout.
 */
export function redisLost(): boolean {
  return ["reconnecting", "close", "end"].includes(redis().status);
}

/** The process-wide command connection. */
export function redis(): Redis {
  if (!globalForRedis.countersignRedis) {
    // Short command timeout: while Redis is down, callers fall back to Postgres rather than hang.
    const client = new Redis(env().REDIS_URL, { maxRetriesPerRequest: 1, commandTimeout: 1000 });
    client.on("error", () => {}); // reported through /api/health; ioredis reconnects by itself
    globalForRedis.countersignRedis = client;
  }
  return globalForRedis.countersignRedis;
}
