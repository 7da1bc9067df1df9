import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { AuthenticatedAgent } from "@/lib/domain/agents/authenticate-agent.ts";
import { getRequest } from "@/lib/domain/requests/get-request.ts";
import type { RequestView } from "@/lib/domain/requests/request-view.ts";
import { submitRequestBodySchema, ZIdempotencyKey, ZRequestId, ZSubmitRequestBody } from "@/lib/domain/requests/schemas.ts";
import { submitRequest } from "@/lib/domain/requests/submit-request.ts";
import { waitForDecision } from "@/lib/domain/requests/wait-for-decision.ts";
import { env } from "@/lib/platform/env.ts";
import { toMcpToolError } from "@/lib/web/errors/to-mcp-tool-error.ts";
import { toRejection } from "@/packages/sdk/rejection.ts";
import { checkJsonValue } from "@/lib/kernel/validation/check-json-value.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";

/** Below the 60 s that MCP clients commonly allow a tool call, so a wait ends before they give up. */
export const MAX_MCP_WAIT_SECONDS = 50;

/** What the model reads: the state in a sentence and what to do next. */
function explain(view: RequestView): string {
  switch (view.status) {
    case "pending":
      return `Approval request ${view.id} for "${view.action}" is pending human review (${view.approvals}/${view.requiredApprovals} approvals, deadline ${view.expiresAt}). Do not perform the action yet; continue with other work and call wait_for_decision with id ${view.id}.`;
    case "approved":
      return `Approval request ${view.id} for "${view.action}" is APPROVED (by ${view.decision?.by}). Execute exactly approvedPayload (a reviewer may have changed it), not the payload you proposed. The receipt proves the approval to the executing service.`;
    default:
      return toRejection(view).message;
  }
}

function result(view: RequestView): CallToolResult {
  return {
    content: [
      { type: "text", text: explain(view) },
      { type: "text", text: JSON.stringify(view) },
    ],
    structuredContent: view,
  };
}

/** Runs one tool: an AppError (bad input, forbidden, not found) is a tool error the model can read. */
async function run(tool: string, fn: () => Promise<RequestView>): Promise<CallToolResult> {
  try {
    return result(await fn());
  } catch (e) {
    return toMcpToolError(e, tool);
  }
}

/**
 * The three tools, bound to the authenticated agent; each calls the same service as the REST API
 * (which authorizes). `connection` ends a wait when the HTTP client goes away.
 */
export function registerMcpTools(server: McpServer, actor: AuthenticatedAgent, connection?: AbortSignal): void {
  // The REST route's own body schema, so the tool advertises the same expiresInSeconds minimum.
  const rest = submitRequestBodySchema(env().MIN_REQUEST_TTL_SECONDS).shape;
  server.registerTool(
    "request_approval",
    {
      title: "Request approval for a high-stakes action",
      description:
        "Submit an action (e.g. payments.transfer) for approval before doing it. Returns at once: the request may be approved or rejected by policy, or pending human review. Never perform the action unless the request is approved, and then execute approvedPayload.",
      inputSchema: {
        // The REST body's fields (the service re-validates against ZSubmitRequestBody), except the
        // JSON-valued ones, kept as plain objects: MCP clients want an object schema for them.
        action: rest.action.describe("Action type key, e.g. payments.transfer"),
        payload: z.record(z.string(), z.unknown()).describe("The action's parameters, as the action type's schema describes them"),
        summary: rest.summary.describe("One line for the reviewer"),
        reasoning: rest.reasoning.describe("Why you want to do this"),
        context: z.record(z.string(), z.unknown()).optional().describe("Facts such as runId and callId"),
        expiresInSeconds: rest.expiresInSeconds.describe("How long reviewers have to decide, in seconds"),
        idempotencyKey: ZIdempotencyKey.optional().describe("Repeat a call with the same key to get the same request instead of a new one"),
      },
      annotations: { destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async ({ idempotencyKey, ...input }) =>
      run("request_approval", async () => {
        // The same edge checks as a REST body (nesting, unstorable text) before anything recurses.
        checkJsonValue(input);
        const body = parseInput(ZSubmitRequestBody, JSON.parse(JSON.stringify(input)));
        return (await submitRequest({ actor, body, idempotencyKey })).body;
      }),
  );

  server.registerTool(
    "get_request",
    {
      title: "Read an approval request",
      description: "The current state of one of your approval requests, without waiting.",
      inputSchema: { id: ZRequestId.describe("The request id") },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ id }) => run("get_request", () => getRequest({ actor, requestId: id })),
  );

  server.registerTool(
    "wait_for_decision",
    {
      title: "Wait for a decision",
      description: `Waits up to timeoutSeconds (0-${MAX_MCP_WAIT_SECONDS}, default 25) for a pending request to be decided and returns its state. If it is still pending, do other work and call again later.`,
      inputSchema: {
        id: ZRequestId.describe("The request id"),
        timeoutSeconds: z.number().int().min(0).max(MAX_MCP_WAIT_SECONDS).optional().describe("How long to wait, in seconds"),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ id, timeoutSeconds }, extra) =>
      run("wait_for_decision", () =>
        waitForDecision({
          actor,
          requestId: id,
          timeoutSeconds: timeoutSeconds ?? 25,
          signal: connection ? AbortSignal.any([extra.signal, connection]) : extra.signal,
        }),
      ),
  );
}
