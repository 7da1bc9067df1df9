import { AppError } from "@/lib/kernel/errors.ts";
import { STATUS_BY_CODE } from "./status-by-code.ts";

/**
 * An unreadable MCP body in the transport's own form: a JSON-RPC error without an id, with the
 * status a REST body would get. Anything but a refusal is not ours to answer: it is thrown on.
 */
export function toMcpParseError(e: unknown): Response {
  if (!(e instanceof AppError)) throw e;
  const code = e.code === "validation_error" ? -32700 : -32000;
  return Response.json(
    { jsonrpc: "2.0", error: { code, message: `Parse error: ${e.message}`, data: e.details }, id: null },
    { status: STATUS_BY_CODE[e.code] },
  );
}
