import { AppError } from "@/lib/kernel/errors.ts";
import { handle } from "@/lib/web/handle.ts";
import { requireAgent } from "@/lib/web/require-agent.ts";
import { handleMcpRequest } from "@/lib/web/mcp/handle-mcp-request.ts";
import { env } from "@/lib/platform/env.ts";
import { otherMethods } from "@/lib/web/method-not-allowed.ts";

// POST /api/mcp — MCP over Streamable HTTP (stateless JSON responses), with the agent's API key
export const POST = handle(async (req) => {
  // MCP asks servers to check Origin (DNS rebinding): agents send none; a browser page may only
  // call from our own origin.
  const origin = req.headers.get("origin");
  if (origin && origin !== new URL(env().APP_URL).origin) throw new AppError("forbidden", "Cross-origin MCP request refused");
  return handleMcpRequest(req, await requireAgent(req));
});

// GET/DELETE /api/mcp — no server-initiated stream and no sessions in stateless mode
const notAllowed = handle(
  async () =>
    new Response(
      JSON.stringify({
        jsonrpc: "2.0",
        error: { code: -32000, message: "Method not allowed: send JSON-RPC messages with POST" },
        id: null,
      }),
      {
        status: 405,
        headers: { allow: "POST", "content-type": "application/json" },
      },
    ),
);
export const GET = notAllowed;
export const DELETE = notAllowed;

// Other methods: 405 with Allow and the JSON error body
export const { PUT, PATCH } = otherMethods("POST");
