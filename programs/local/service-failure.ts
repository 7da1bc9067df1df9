import { AppError, isAppError } from "@/lib/kernel/errors.ts";

/**
 * A local service (PostgreSQL, Redis) that could not start: one line saying what failed and how
 * to fix it. The launchers (`npm start`, `npm test`, `npm run bench`) print it as it is, without
 * a stack trace, and exit non-zero.
 */
export function serviceFailure(what: string, fix: string): AppError {
  return new AppError("service_unavailable", `${oneLine(what)} — ${oneLine(fix)}`);
}

/** The first non-empty line of a message, trimmed (server logs and errno text can span lines). */
export function oneLine(text: string): string {
  return (
    text
      .split("\n")
      .map((l) => l.trim())
      .find(Boolean) ?? text.trim()
  );
}

/** What a launcher prints for an error that stopped it: one line for a known failure, else the stack. */
export function failureText(e: unknown): string {
  if (isAppError(e)) return e.message;
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
