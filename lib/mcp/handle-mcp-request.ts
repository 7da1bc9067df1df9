import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { AuthenticatedAgent } from "@/lib/agents/authenticate-agent.ts";
import { env } from "@/lib/server/env.ts";
import { registerMcpTools } from "./mcp-tools.ts";
import { answerInvalidToolInput } from "./tool-input-errors.ts";

/**
 * Serves one MCP message over Streamable HTTP, statelessly: a server and transport per HTTP
 * request, bound to the agent the route authenticated. No session lives in memory, so any web
 * instance answers any call, exactly like the REST API.
 */
export async function handleMcpRequest(req: Request, actor: AuthenticatedAgent): Promise<Response> {
  const server = new McpServer({ name: "countersign", version: "1.0.0" }, { capabilities: { tools: {} } });
  registerMcpTools(server, actor, req.signal);
  answerInvalidToolInput(server);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    // The submitted payload plus the JSON-RPC envelope.
    maxRequestBodySize: env().MAX_BODY_BYTES + 16 * 1024,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(req);
  } finally {
    // JSON responses are complete when handleRequest returns; nothing stays open.
    await server.close();
  }
}
