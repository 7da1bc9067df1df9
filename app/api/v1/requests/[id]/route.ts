import { handle, json } from "@/lib/http/handle.ts";
import { parseInput } from "@/lib/validation/parse-input.ts";
import { requireAgent } from "@/lib/http/require-agent.ts";
import { getRequest } from "@/lib/requests/get-request.ts";
import { ZRequestId } from "@/lib/requests/schemas.ts";
import { otherMethods } from "@/lib/http/method-not-allowed.ts";

// GET /api/v1/requests/{id} — one of this agent's requests
export const GET = handle<{ id: string }>(async (req, params) => {
  const actor = await requireAgent(req);
  return json(await getRequest({ actor, requestId: parseInput(ZRequestId, params.id) }));
});

// Other methods: 405 with Allow and the JSON error body
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
