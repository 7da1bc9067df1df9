import { json } from "@/lib/web/handle.ts";
import { otherMethods } from "@/lib/web/method-not-allowed.ts";

// GET /api/bench/baseline — a bare route handler returning JSON: the benchmark's baseline for
// what this Next.js build serves with no work at all. Off (404) unless COUNTERSIGN_BENCH_ROUTES=1.
export async function GET() {
  if (process.env.COUNTERSIGN_BENCH_ROUTES !== "1") return new Response("Not found", { status: 404 });
  return json({ ok: true, at: Date.now() });
}

// Other methods: 405 with Allow and the JSON error body
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
