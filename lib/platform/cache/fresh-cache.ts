import { listenToPostgres, type PgListener } from "../pg-listener.ts";

/**
 * In-process caches for what nearly every agent call reads and an admin rarely changes (API keys
 * and agents, action types and their published policies). Two bounds keep an entry fresh:
 *
 * - PostgreSQL tells every process when a watched table changes (triggers in the migration
 *   `…_hot_path` call pg_notify('countersign_cache', <table>), delivered at commit), and the
 *   caches watching that table drop everything at once — however the change was made.
 * - No entry is used longer than `maxAgeMs` (default 1 s), so even a notification lost with its
 *   connection cannot keep a revoked key working for longer than that; and while the listener is
 *   down nothing is cached at all.
 *
 * A load that started before an invalidation is returned to its caller but not kept.
 */
export const CACHE_CHANNEL = "countersign_cache";
const DEFAULT_MAX_AGE_MS = 1000;
const DEFAULT_MAX_ENTRIES = 10_000;

type Entry<V> = { value: V | null; at: number };
type Registered = { tables: string[]; clear: () => void };
type Hub = { listener: PgListener | null; caches: Set<Registered> };

const globalForCache = globalThis as unknown as { countersignCacheHub?: Hub };

function hub(): Hub {
  if (globalForCache.countersignCacheHub) return globalForCache.countersignCacheHub;
  const h: Hub = { listener: null, caches: new Set() };
  globalForCache.countersignCacheHub = h;
  h.listener = listenToPostgres({
    name: "cache-invalidation",
    channel: CACHE_CHANNEL,
    onNotification: (table) => {
      for (const c of h.caches) if (c.tables.includes(table)) c.clear();
    },
    // Lost or regained: whatever changed meanwhile went unheard, so start over.
    onLive: () => {
      for (const c of h.caches) c.clear();
    },
  });
  return h;
}

/** Whether changes reach this process's caches now (while not, nothing is cached). */
export function cachesLive(): boolean {
  return hub().listener?.live() ?? false;
}

export type FreshCache<V> = {
  get: (key: string) => Promise<V | null>;
  /** Drops this process's entries (other processes hear of the change from PostgreSQL). */
  clear: () => void;
};

export function freshCache<V>(options: {
  /** Tables whose changes make entries stale. */
  tables: string[];
  load: (key: string) => Promise<V | null>;
  maxAgeMs?: number;
  maxEntries?: number;
}): FreshCache<V> {
  const maxAge = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const entries = new Map<string, Entry<V>>();
  const loading = new Map<string, Promise<V | null>>();
  let generation = 0;
  const clear = () => {
    generation++;
    entries.clear();
    loading.clear();
  };
  // Joined on first use, not at import: importing a module that declares a cache (a build
  // collecting pages, a CLI) opens no connection.
  let h: Hub | null = null;

  const get = async (key: string): Promise<V | null> => {
    if (!h) {
      h = hub();
      h.caches.add({ tables: options.tables, clear });
    }
    if (!h.listener?.live()) return options.load(key);
    const hit = entries.get(key);
    if (hit && performance.now() - hit.at < maxAge) return hit.value;
    // One load per key at a time: a burst of calls after expiry costs one query.
    const pending = loading.get(key);
    if (pending) return pending;
    const started = generation;
    const at = performance.now();
    const load = options.load(key).then(
      (value) => {
        if (loading.get(key) === load) loading.delete(key);
        // Misses are not kept: a key created a moment later must work at once.
        if (value !== null && started === generation && h?.listener?.live()) {
          if (entries.size >= maxEntries) entries.clear();
          entries.set(key, { value, at });
        }
        return value;
      },
      (err: unknown) => {
        if (loading.get(key) === load) loading.delete(key);
        throw err;
      },
    );
    loading.set(key, load);
    return load;
  };
  return { get, clear };
}
