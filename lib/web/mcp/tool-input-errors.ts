import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { AppError } from "@/lib/kernel/errors.ts";
import { mcpErrorText } from "@/lib/web/errors/to-mcp-tool-error.ts";

type ToolInputValidator = (tool: { inputSchema?: unknown }, args: unknown, toolName: string) => Promise<unknown>;

/**
 * Arguments that fail a tool's own input schema come back in the documented tool-error form
 * (`validation_error: … [details]`, docs/MCP.md), like every other refusal, instead of the SDK's
 * `MCP error -32602: Input validation error …` text. The SDK validates before our handler runs and
 * offers no hook, so this wraps its (private) validateToolInput; the SDK turns the thrown error's
 * message into the tool error's text. If an SDK upgrade drops that method this throws at once,
 * and tests/integration/mcp.test.ts fails, rather than silently falling back to the SDK's form.
 */
export function answerInvalidToolInput(server: McpServer): void {
  const internals = server as unknown as { validateToolInput?: ToolInputValidator };
  const original = internals.validateToolInput;
  if (typeof original !== "function")
    throw new Error("@modelcontextprotocol/sdk: McpServer.validateToolInput not found; see lib/web/mcp/tool-input-errors.ts");
  internals.validateToolInput = async (tool, args, toolName) => {
    // The SDK keeps a tool's input as a zod (mini) object; parse it as parseInput does a REST body.
    if (tool.inputSchema instanceof z.core.$ZodType) {
      const parsed = await z.safeParseAsync(tool.inputSchema, args ?? {});
      if (!parsed.success) {
        const details = parsed.error.issues.map((issue) => ({ path: "/" + issue.path.map(String).join("/"), message: issue.message }));
        throw new Error(mcpErrorText(new AppError("validation_error", `Invalid arguments for ${toolName}`, details)));
      }
    }
    return original.call(server, tool, args, toolName);
  };
}
