import { notFound } from "next/navigation";
import { isAppError } from "@/lib/kernel/errors.ts";

/**
 * Maps a service's refusal to a page: forbidden and not found both show the 404 page, so the
 * admin console does not even confirm its pages to roles that may not see them.
 */
export function forbiddenToPage(e: unknown): never {
  if (isAppError(e) && ["forbidden", "not_found", "unknown_action"].includes(e.code)) notFound();
  throw e;
}
