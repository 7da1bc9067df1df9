import type { z } from "zod";
import { AppError } from "@/lib/errors.ts";
import { env } from "@/lib/server/env.ts";
import { checkJsonValue } from "@/lib/validation/check-json-value.ts";
import { parseInput } from "@/lib/validation/parse-input.ts";

/**
 * Reads a JSON body without ever holding more than the limit in memory: a declared
 * Content-Length over the limit is refused at once, and the stream is cut off as soon as the
 * bytes read pass it. Returns the raw parsed value (callers that hash the body need it as sent).
 */
export async function readJsonValue(req: Request, maxBytes = env().MAX_BODY_BYTES): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new AppError("unsupported_media_type", "Content-Type must be application/json");
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
  const text = Buffer.concat(chunks).toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("validation_error", "Request body is not valid JSON");
  }
  checkJsonValue(value);
  return value;
}

export async function readJsonBody<S extends z.ZodType>(req: Request, schema: S, maxBytes?: number): Promise<z.infer<S>> {
  return parseInput(schema, await readJsonValue(req, maxBytes));
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `Request body exceeds ${maxBytes} bytes`, { limit: maxBytes });
}
