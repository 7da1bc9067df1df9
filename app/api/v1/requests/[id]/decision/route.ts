import { handle, json } from "@/lib/http/handle.ts";
import { parseInput } from "@/lib/validation/parse-input.ts";
import { readJsonBody } from "@/lib/http/read-json-body.ts";
import { requireReviewerSession } from "@/lib/http/require-reviewer-session.ts";
import { ZRequestId } from "@/lib/requests/schemas.ts";
import { decideRequest } from "@/lib/reviews/decide-request.ts";
import { ZDecisionBody } from "@/lib/reviews/schemas.ts";
import { otherMethods } from "@/lib/http/method-not-allowed.ts";

// POST /api/v1/requests/{id}/decision — a reviewer approves or rejects (session cookie, same origin)
export const POST = handle<{ id: string }>(async (req, params) => {
  const actor = await requireReviewerSession(req);
  const requestId = parseInput(ZRequestId, params.id);
  const decision = await readJsonBody(req, ZDecisionBody);
  return json(await decideRequest({ actor, requestId, decision }));
});

// Other methods: 405 with Allow and the JSON error body
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
