import { notFound } from "next/navigation";
import { isAppError, type ErrorCode } from "@/lib/kernel/errors.ts";

/**
 * Maps a service's refusal to a page: the codes in `hide` show the 404 page; anything else is
 * thrown on, to Next's error page and log, never shown to the user.
 */
export function toPage(e: unknown, hide: readonly ErrorCode[] = ["not_found"]): never {
  if (isAppError(e) && hide.includes(e.code)) notFound();
  throw e;
}

/** The admin console's pages: forbidden shows the 404 page too, so they are not even confirmed to roles that may not see them. */
export function forbiddenToPage(e: unknown): never {
  return toPage(e, ["forbidden", "not_found", "unknown_action"]);
}
