import type { Redis } from "ioredis";
import { logger } from "@/lib/platform/logger.ts";
import { newRedis, redis, redisLost } from "@/lib/platform/redis.ts";
import { DECISION_CHANNEL } from "./decision-signal.ts";
import { isUuid } from "@/lib/kernel/validation/is-uuid.ts";

// Tells every web instance that a request changed, so open inboxes update without reload.
// Messages carry an id and a kind, never content: each browser re-reads what it may see through
// the reviewer services, which authorize. Like the decision signal this is a hint — a lost
// message is repaired by the browsers' periodic resync (docs/REVIEWING.md, "Live updates").
const CHANGE_CHANNEL = "countersign:request-changed";

export type RequestChangeKind = "created" | "reviewed" | "escalated" | "notified" | "closed";
export type RequestChange = { id: string; kind: RequestChangeKind };
type Listener = (change: RequestChange) => void;

type Feed = { subscriber: Redis; listeners: Set<Listener>; ready: Promise<unknown> };
const globalForFeed = globalThis as unknown as { countersignChangeFeed?: Feed };

const KINDS = new Set<string>(["created", "reviewed", "escalated", "notified", "closed"]);

function parse(channel: string, message: string): RequestChange | null {
  // Closures arrive on the decision signal's channel (bare id), which every close path publishes.
  if (channel === DECISION_CHANNEL) return isUuid(message) ? { id: message, kind: "closed" } : null;
  const [kind, id] = message.split(" ");
  return kind && id && KINDS.has(kind) && isUuid(id) ? { id, kind: kind as RequestChangeKind } : null;
}

function feed(): Feed {
  if (globalForFeed.countersignChangeFeed) return globalForFeed.countersignChangeFeed;
  const subscriber = newRedis();
  const listeners = new Set<Listener>();
  subscriber.on("error", (err) => logger.debug({ err }, "change feed subscriber error"));
  subscriber.on("message", (channel: string, message: string) => {
    const change = parse(channel, message);
    if (change) for (const listener of listeners) listener(change);
  });
  const ready = subscriber.subscribe(CHANGE_CHANNEL, DECISION_CHANNEL);
  ready.catch((err) => logger.warn({ err }, "change feed could not subscribe"));
  globalForFeed.countersignChangeFeed = { subscriber, listeners, ready };
  return globalForFeed.countersignChangeFeed;
}

/** Announces (after commit) that a request changed. Never throws, never waits on a lost Redis. */
export async function publishRequestChange(id: string, kind: Exclude<RequestChangeKind, "closed">): Promise<void> {
  if (redisLost()) return;
  try {
    await redis().publish(CHANGE_CHANNEL, `${kind} ${id}`);
  } catch (err) {
    logger.warn({ err, id, kind }, "could not publish request change; browsers catch up at their next resync");
  }
}

/** Calls `listener` for every change announced on any instance until the returned function is called. */
export function subscribeRequestChanges(listener: Listener): () => void {
  const f = feed();
  f.listeners.add(listener);
  return () => f.listeners.delete(listener);
}

/** Resolves once this process listens (or after `maxMs`, e.g. while Redis is down). */
export async function requestChangesReady(maxMs = 1000): Promise<void> {
  await Promise.race([feed().ready.catch(() => undefined), new Promise((r) => setTimeout(r, maxMs))]);
}

/** Whether changes reach this process now (false while Redis is unreachable). */
export function requestChangesLive(): boolean {
  return feed().subscriber.status === "ready";
}
