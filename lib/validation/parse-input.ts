import type { z } from "zod";
import { AppError } from "@/lib/errors.ts";

/**
 * zod at the edge: a failure becomes validation_error with `details` saying where. `field`
 * prefixes the path when a single value (a header, a CLI flag) is parsed on its own.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, field?: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: "/" + [field, ...issue.path.map(String)].filter(Boolean).join("/"),
    message: issue.message,
  }));
  throw new AppError("validation_error", field ? `Invalid ${field}: ${details[0]?.message}` : "Request is invalid", details);
}

/** Query-string parameters as a plain object, for parseInput. */
export function queryOf(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams);
}

/**
 * The fields of a page's query string that pass their schema, each checked on its own: a list
 * page shows what makes sense of a hand-edited URL (dropping the rest) instead of an error page.
 */
export function validQueryFields(fields: Record<string, z.ZodType>, params: Record<string, string | string[] | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(fields)) {
    const raw = params[name];
    const parsed = schema.safeParse(Array.isArray(raw) ? raw[0] : raw || undefined);
    if (parsed.success && parsed.data !== undefined) out[name] = parsed.data;
  }
  return out;
}
