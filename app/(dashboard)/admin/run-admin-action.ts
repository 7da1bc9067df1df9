import { getSessionActor } from "@/lib/web/session.ts";
import { SESSION_ENDED, toActionResult, type ActionResult } from "@/lib/web/errors/to-action-result.ts";
import type { UserActor } from "@/lib/domain/auth/actor.ts";

export type { ActionResult };

/**
 * The one wrapper of the admin console's server actions: authenticate the session, call the
 * service (which authorizes), and return refusals as data for the form to show.
 */
export async function runAdminAction<T>(fn: (actor: UserActor) => Promise<T>): Promise<ActionResult<T>> {
  const actor = await getSessionActor();
  if (!actor) return { ok: false, error: SESSION_ENDED };
  try {
    return { ok: true, data: await fn(actor) };
  } catch (e) {
    return toActionResult(e);
  }
}
