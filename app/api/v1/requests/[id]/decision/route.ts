import { handle, json } from "@/lib/web/handle.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";
import { readJsonBody } from "@/lib/web/read-json-body.ts";
import { requireReviewerSession } from "@/lib/web/require-reviewer-session.ts";
import { ZRequestId } from "@/lib/domain/requests/schemas.ts";
import { decideRequest } from "@/lib/domain/reviews/decide-request.ts";
import { ZDecisionBody } from "@/lib/domain/reviews/schemas.ts";
import { otherMethods } from "@/lib/web/method-not-allowed.ts";

// POST /api/v1/requests/{id}/decision — a reviewer approves or rejects (session cookie, same origin)
export const POST = handle<{ id: string }>(async (req, params) => {
  const actor = await requireReviewerSession(req);
  const requestId = parseInput(ZRequestId, params.id);
  const decision = await readJsonBody(req, ZDecisionBody);
  return json(await decideRequest({ actor, requestId, decision }));
});

// Other methods: 405 with Allow and the JSON error body
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
