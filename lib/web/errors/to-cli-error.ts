import { z } from "zod";
import { AppError } from "@/lib/kernel/errors.ts";

/** The admin CLI's error line: the one error body's shape, plus the CLI's own `usage` code. */
export type CliError = { code: string; message: string; details?: unknown };

/**
 * A command's failure as the admin CLI prints it (one JSON line on stderr, docs/CLI.md) and its
 * exit code: 2 for arguments its zod schema refused, 1 for anything else.
 */
export function toCliError(e: unknown, usage: string): { exitCode: 1 | 2; error: CliError } {
  if (e instanceof z.ZodError) {
    const details = e.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return { exitCode: 2, error: { code: "usage", message: `Invalid arguments; usage: ${usage}`, details } };
  }
  if (e instanceof AppError) return { exitCode: 1, error: { code: e.code, message: e.message, details: e.details } };
  return { exitCode: 1, error: { code: "internal_error", message: (e as Error).message } };
}
