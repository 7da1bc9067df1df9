// The in-process caches of the hot path (lib/platform/cache/fresh-cache.ts), against the real
// database: a change to a watched table, committed by anyone, empties them at once; entries never
// outlive their maximum age; a load that raced an invalidation is not kept.
import { describe, expect, it } from "vitest";
import { cachesLive, freshCache } from "@/lib/platform/cache/fresh-cache.ts";
import { db } from "@/lib/platform/db.ts";
import { createTestAgent } from "../support/factories.ts";

async function until(check: () => boolean | Promise<boolean>, ms = 2000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - started;
}

function countingCache(tables: string[], maxAgeMs?: number) {
  let loads = 0;
  let gate: Promise<void> | null = null;
  const cache = freshCache<{ loads: number }>({
    tables,
    maxAgeMs,
    load: async () => {
      loads++;
      const n = loads;
      if (gate) await gate;
      return { loads: n };
    },
  });
  return {
    cache,
    loads: () => loads,
    hold: () => {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

describe("fresh caches", () => {
  it("keep an entry until a watched table changes, and only then", async () => {
    const { cache, loads } = countingCache(["agents"], 60_000);
    await until(() => cachesLive());
    await cache.get("k");
    await cache.get("k");
    expect(loads()).toBe(1);

    // Another table: nothing happens.
    await db().group.create({ data: { name: `cache-${Math.random().toString(36).slice(2)}` } });
    await new Promise((r) => setTimeout(r, 200));
    await cache.get("k");
    expect(loads()).toBe(1);

    // A watched table, changed by another connection: the next read goes to the loader.
    const agent = await createTestAgent();
    const took = await until(async () => (await cache.get("k"))!.loads > 1, 1000);
    expect(took).toBeLessThan(500);
    await db().agent.update({ where: { id: agent.agentId }, data: { tags: ["changed"] } });
    const before = loads();
    await until(async () => (await cache.get("k"))!.loads > before, 1000);
  });

  it("reload an entry older than the maximum age, with one load for concurrent readers", async () => {
    const { cache, loads } = countingCache(["agents"], 150);
    await until(() => cachesLive());
    await Promise.all(Array.from({ length: 10 }, () => cache.get("k")));
    expect(loads()).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    await Promise.all(Array.from({ length: 10 }, () => cache.get("k")));
    expect(loads()).toBe(2);
  });

  it("do not keep what a load read before an invalidation landed", async () => {
    const { cache, loads, hold } = countingCache(["agents"], 60_000);
    await until(() => cachesLive());
    const release = hold();
    const reading = cache.get("k");
    cache.clear(); // as a notification would, while the load is in flight
    release();
    expect((await reading)!.loads).toBe(1);
    expect((await cache.get("k"))!.loads).toBe(2);
    expect(loads()).toBe(2);
  });
});
