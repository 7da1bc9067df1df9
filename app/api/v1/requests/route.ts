import { handle, json } from "@/lib/web/handle.ts";
import { parseInput, queryOf } from "@/lib/kernel/validation/parse-input.ts";
import { readJsonBody } from "@/lib/web/read-json-body.ts";
import { requireAgent } from "@/lib/web/require-agent.ts";
import { listRequests } from "@/lib/domain/requests/list-requests.ts";
import { submitRequestBodySchema, ZIdempotencyKey, ZListQuery } from "@/lib/domain/requests/schemas.ts";
import { env } from "@/lib/platform/env.ts";
import { submitRequest } from "@/lib/domain/requests/submit-request.ts";
import { otherMethods } from "@/lib/web/method-not-allowed.ts";

// POST /api/v1/requests — submit an action
export const POST = handle(async (req) => {
  const actor = await requireAgent(req);
  const keyHeader = req.headers.get("idempotency-key");
  const idempotencyKey = keyHeader === null ? undefined : parseInput(ZIdempotencyKey, keyHeader);
  const body = await readJsonBody(req, submitRequestBodySchema(env().MIN_REQUEST_TTL_SECONDS));
  const result = await submitRequest({ actor, body, idempotencyKey });
  return json(result.body, result.status, result.replayed ? { "idempotent-replayed": "true" } : undefined);
});

// GET /api/v1/requests — this agent's requests, newest first
export const GET = handle(async (req) => {
  const actor = await requireAgent(req);
  return json(await listRequests({ actor, query: parseInput(ZListQuery, queryOf(req)) }));
});

// Other methods: 405 with Allow and the JSON error body
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
