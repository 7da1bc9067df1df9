import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { AppError } from "@/lib/kernel/errors.ts";
import { logger } from "@/lib/platform/logger.ts";

/** The text of a tool error the model reads (docs/MCP.md): `code: message [details]`. */
export function mcpErrorText(e: AppError): string {
  const details = e.details === undefined ? "" : ` ${JSON.stringify(e.details)}`;
  return `${e.code}: ${e.message}${details}`;
}

/** A tool's failure as MCP's tool error: a refusal is told to the model; anything else is logged, never echoed. */
export function toMcpToolError(e: unknown, tool: string): CallToolResult {
  if (e instanceof AppError) return { isError: true, content: [{ type: "text", text: mcpErrorText(e) }] };
  logger.error({ err: e, tool }, "mcp tool failed");
  return { isError: true, content: [{ type: "text", text: "internal_error: the tool failed; try again later" }] };
}
