import { isAppError } from "@/lib/kernel/errors.ts";
import { getSessionActor } from "@/lib/web/session.ts";
import type { UserActor } from "@/lib/domain/auth/actor.ts";

export type ActionResult<T = unknown> = { ok: true; data: T } | { ok: false; error: string; details?: unknown };

/**
 * The one wrapper of the admin console's server actions: authenticate the session, call the
 * service (which authorizes), and return refusals as data for the form to show.
 */
export async function runAdminAction<T>(fn: (actor: UserActor) => Promise<T>): Promise<ActionResult<T>> {
  const actor = await getSessionActor();
  if (!actor) return { ok: false, error: "Your session has ended; sign in again." };
  try {
    return { ok: true, data: await fn(actor) };
  } catch (e) {
    if (isAppError(e)) return { ok: false, error: e.message, details: e.details };
    throw e;
  }
}
