import { handle, json } from "@/lib/web/handle.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";
import { readJsonBody } from "@/lib/web/read-json-body.ts";
import { requireAgent } from "@/lib/web/require-agent.ts";
import { reportResult } from "@/lib/domain/requests/report-result.ts";
import { ZRequestId, ZResultBody } from "@/lib/domain/requests/schemas.ts";
import { otherMethods } from "@/lib/web/method-not-allowed.ts";

// POST /api/v1/requests/{id}/result — the agent reports executing an approved action
export const POST = handle<{ id: string }>(async (req, params) => {
  const actor = await requireAgent(req);
  const requestId = parseInput(ZRequestId, params.id);
  const result = await readJsonBody(req, ZResultBody);
  return json(await reportResult({ actor, requestId, result }));
});

// Other methods: 405 with Allow and the JSON error body
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
