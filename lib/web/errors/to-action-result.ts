import { isAppError } from "@/lib/kernel/errors.ts";

export type ActionRefusal = { ok: false; error: string; details?: unknown };
export type ActionResult<T = unknown> = { ok: true; data: T } | ActionRefusal;

/** What a server action answers when the session behind it is gone. */
export const SESSION_ENDED = "Your session has ended; sign in again.";

/**
 * A server action's refusal as data for the form to show (the service's message and details).
 * Anything else is a bug: thrown on, to Next's error page and log, never shown to the user.
 */
export function toActionResult(e: unknown): ActionRefusal {
  if (isAppError(e)) return { ok: false, error: e.message, details: e.details };
  throw e;
}
