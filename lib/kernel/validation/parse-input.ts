import type { z } from "zod";
import { AppError } from "@/lib/kernel/errors.ts";
import { isStorableText } from "./check-json-value.ts";

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

// Query strings are the one edge every page and route shares, so text PostgreSQL cannot hold
// (`?q=%00`: U+0000 is invalid in text and jsonb, and the query failed with a 500 or cut an
// export stream short) is handled here once, for every parameter, before any schema sees it.

/** Query-string parameters as a plain object, for parseInput; U+0000 in any of them is refused. */
export function queryOf(req: Request): Record<string, string> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  for (const [name, value] of Object.entries(params)) {
    if (!isStorableText(value) || !isStorableText(name)) {
      throw new AppError("validation_error", "Query parameters may not contain U+0000", [{ path: `/${name}`, message: "contains U+0000" }]);
    }
  }
  return params;
}

/**
 * The fields of a page's query string that pass their schema, each checked on its own: a list
 * page shows what makes sense of a hand-edited URL (dropping the rest, U+0000 included) instead
 * of an error page.
 */
export function validQueryFields(
  fields: Record<string, z.ZodType>,
  params: Record<string, string | string[] | undefined>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(fields)) {
    const raw = params[name];
    const value = Array.isArray(raw) ? raw[0] : raw || undefined;
    if (value !== undefined && !isStorableText(value)) continue;
    const parsed = schema.safeParse(value);
    if (parsed.success && parsed.data !== undefined) out[name] = parsed.data;
  }
  return out;
}
