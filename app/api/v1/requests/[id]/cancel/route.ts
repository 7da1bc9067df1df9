import { handle, json } from "@/lib/web/handle.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";
import { requireAgent } from "@/lib/web/require-agent.ts";
import { cancelRequest } from "@/lib/domain/requests/cancel-request.ts";
import { ZRequestId } from "@/lib/domain/requests/schemas.ts";
import { otherMethods } from "@/lib/web/method-not-allowed.ts";

// POST /api/v1/requests/{id}/cancel — the agent withdraws a pending request
export const POST = handle<{ id: string }>(async (req, params) => {
  const actor = await requireAgent(req);
  return json(await cancelRequest({ actor, requestId: parseInput(ZRequestId, params.id) }));
});

// Other methods: 405 with Allow and the JSON error body
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
