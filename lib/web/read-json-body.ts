import type { z } from "zod";
import { AppError } from "@/lib/kernel/errors.ts";
import { parseStrictJson } from "@/lib/kernel/json/parse-strict-json.ts";
import { env } from "@/lib/platform/env.ts";
import { checkJsonValue } from "@/lib/kernel/validation/check-json-value.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";

// RFC 8259: JSON between systems is UTF-8. Another declared charset would be read as UTF-8 anyway
// and mean something else than the client sent, so it is refused; so are bytes that are not UTF-8.
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)"?/i;

/**
 * Reads a JSON body's text without ever holding more than the limit in memory: a declared
 * Content-Length over the limit is refused at once, and the stream is cut off as soon as the
 * bytes read pass it.
 */
export async function readJsonText(req: Request, maxBytes = env().MAX_BODY_BYTES): Promise<string> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new AppError("unsupported_media_type", "Content-Type must be application/json");
  }
  const charset = CHARSET.exec(type)?.[1];
  if (charset !== undefined && charset.toLowerCase() !== "utf-8") {
    throw new AppError("unsupported_media_type", "A JSON body must be UTF-8 (charset=utf-8 or none)");
  }
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) throw new AppError("validation_error", "Request body is empty");

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("validation_error", "Request body is not valid UTF-8");
  }
}

/**
 * Reads a JSON body (see readJsonText) and parses it strictly (no duplicate keys, no `__proto__`,
 * no number out of range), then applies the edge checks every client value gets. Returns the raw
 * parsed value (callers that hash the body need it as sent).
 */
export async function readJsonValue(req: Request, maxBytes = env().MAX_BODY_BYTES): Promise<unknown> {
  const value = parseStrictJson(await readJsonText(req, maxBytes));
  checkJsonValue(value);
  return value;
}

export async function readJsonBody<S extends z.ZodType>(req: Request, schema: S, maxBytes?: number): Promise<z.infer<S>> {
  return parseInput(schema, await readJsonValue(req, maxBytes));
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `Request body exceeds ${maxBytes} bytes`, { limit: maxBytes });
}
