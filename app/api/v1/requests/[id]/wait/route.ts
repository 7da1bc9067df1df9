import { handle, json } from "@/lib/web/handle.ts";
import { parseInput, queryOf } from "@/lib/kernel/validation/parse-input.ts";
import { requireAgent } from "@/lib/web/require-agent.ts";
import { ZRequestId, ZWaitQuery } from "@/lib/domain/requests/schemas.ts";
import { waitForDecision } from "@/lib/domain/requests/wait-for-decision.ts";
import { otherMethods } from "@/lib/web/method-not-allowed.ts";

// GET /api/v1/requests/{id}/wait?timeout=30 — long-poll until decided or timeout
export const GET = handle<{ id: string }>(async (req, params) => {
  const actor = await requireAgent(req);
  const requestId = parseInput(ZRequestId, params.id);
  const { timeout } = parseInput(ZWaitQuery, queryOf(req));
  return json(await waitForDecision({ actor, requestId, timeoutSeconds: timeout, signal: req.signal }));
});

// Other methods: 405 with Allow and the JSON error body
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
