import { json } from "@/lib/web/handle.ts";
import { otherMethods } from "@/lib/web/method-not-allowed.ts";

// GET /api/bench/memory — this web process's memory after a full garbage collection (the bench
// starts it with --expose-gc), so the benchmark prices what open `wait` calls retain rather than
// where the collector happens to be. Off (404) unless COUNTERSIGN_BENCH_ROUTES=1.
export async function GET() {
  if (process.env.COUNTERSIGN_BENCH_ROUTES !== "1") return new Response("Not found", { status: 404 });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const { heapUsed, external, rss } = process.memoryUsage();
  return json({ collected: gc !== undefined, heapUsed, external, rss });
}

// Other methods: 405 with Allow and the JSON error body
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
