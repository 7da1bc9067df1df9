import { handle, json } from "@/lib/http/handle.ts";
import { parseInput } from "@/lib/validation/parse-input.ts";
import { requireAgent } from "@/lib/http/require-agent.ts";
import { cancelRequest } from "@/lib/requests/cancel-request.ts";
import { ZRequestId } from "@/lib/requests/schemas.ts";
import { otherMethods } from "@/lib/http/method-not-allowed.ts";

// POST /api/v1/requests/{id}/cancel — the agent withdraws a pending request
export const POST = handle<{ id: string }>(async (req, params) => {
  const actor = await requireAgent(req);
  return json(await cancelRequest({ actor, requestId: parseInput(ZRequestId, params.id) }));
});

// Other methods: 405 with Allow and the JSON error body
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
