import { checkHealth } from "@/lib/health/check-health.ts";

// GET /api/health — liveness of the database and Redis; no auth, no secrets
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { headers: { "cache-control": "no-store" } });
}
