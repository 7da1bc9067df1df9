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
