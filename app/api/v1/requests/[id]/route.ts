import { handle, json } from "@/lib/web/handle.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";
import { requireAgent } from "@/lib/web/require-agent.ts";
import { getRequest } from "@/lib/domain/requests/get-request.ts";
import { ZRequestId } from "@/lib/domain/requests/schemas.ts";
import { otherMethods } from "@/lib/web/method-not-allowed.ts";

// GET /api/v1/requests/{id} — one of this agent's requests
export const GET = handle<{ id: string }>(async (req, params) => {
  const actor = await requireAgent(req);
  return json(await getRequest({ actor, requestId: parseInput(ZRequestId, params.id) }));
});

// Other methods: 405 with Allow and the JSON error body
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
