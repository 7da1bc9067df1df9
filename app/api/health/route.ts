import { checkHealth } from "@/lib/domain/health/check-health.ts";
import { otherMethods } from "@/lib/web/method-not-allowed.ts";

// GET /api/health — liveness of the database and Redis; no auth, no secrets
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { headers: { "cache-control": "no-store" } });
}

// Other methods: 405 with Allow and the JSON error body
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
