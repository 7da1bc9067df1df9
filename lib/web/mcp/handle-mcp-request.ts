import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { AuthenticatedAgent } from "@/lib/domain/agents/authenticate-agent.ts";
import { toMcpParseError } from "@/lib/web/errors/to-mcp-parse-error.ts";
import { readJsonText } from "@/lib/web/read-json-body.ts";
import { parseStrictJson } from "@/lib/kernel/json/parse-strict-json.ts";
import { env } from "@/lib/platform/env.ts";
import { registerMcpTools } from "./mcp-tools.ts";
import { answerInvalidToolInput } from "./tool-input-errors.ts";

/**
 * Serves one MCP message over Streamable HTTP, statelessly: a server and transport per HTTP
 * request, bound to the agent the route authenticated. No session lives in memory, so any web
 * instance answers any call, exactly like the REST API.
 */
export async function handleMcpRequest(req: Request, actor: AuthenticatedAgent): Promise<Response> {
  // The SDK would JSON.parse the body itself and so rewrite ambiguous JSON (a repeated key keeps
  // its last value, 1e309 becomes null). The body is read by the same strict reader as a REST
  // body instead; the tool handlers then apply the REST edge checks to the arguments.
  let parsedBody: unknown;
  try {
    // The submitted payload plus the JSON-RPC envelope.
    parsedBody = parseStrictJson(await readJsonText(req, env().MAX_BODY_BYTES + 16 * 1024));
  } catch (e) {
    return toMcpParseError(e);
  }
  const server = new McpServer({ name: "countersign", version: "1.0.0" }, { capabilities: { tools: {} } });
  registerMcpTools(server, actor, req.signal);
  answerInvalidToolInput(server);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(req, { parsedBody });
  } finally {
    // JSON responses are complete when handleRequest returns; nothing stays open.
    await server.close();
  }
}
