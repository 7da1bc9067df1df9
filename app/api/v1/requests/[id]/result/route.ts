import { handle, json } from "@/lib/http/handle.ts";
import { parseInput } from "@/lib/validation/parse-input.ts";
import { readJsonBody } from "@/lib/http/read-json-body.ts";
import { requireAgent } from "@/lib/http/require-agent.ts";
import { reportResult } from "@/lib/requests/report-result.ts";
import { ZRequestId, ZResultBody } from "@/lib/requests/schemas.ts";
import { otherMethods } from "@/lib/http/method-not-allowed.ts";

// POST /api/v1/requests/{id}/result — the agent reports executing an approved action
export const POST = handle<{ id: string }>(async (req, params) => {
  const actor = await requireAgent(req);
  const requestId = parseInput(ZRequestId, params.id);
  const result = await readJsonBody(req, ZResultBody);
  return json(await reportResult({ actor, requestId, result }));
});

// Other methods: 405 with Allow and the JSON error body
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
