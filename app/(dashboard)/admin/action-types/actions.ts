"use server";

import { applyConfig } from "@/lib/config/apply-config.ts";
import { isAppError } from "@/lib/errors.ts";
import { getSessionActor } from "@/lib/http/session.ts";

export type SaveActionTypeResult = { ok: true; key: string } | { ok: false; error: string; details?: { path: string; message: string }[] };

/** Creates or updates one action type through the same validation as config:apply. */
export async function saveActionTypeAction(actionType: Record<string, unknown>): Promise<SaveActionTypeResult> {
  const actor = await getSessionActor();
  if (!actor) return { ok: false, error: "Your session has ended; sign in again." };
  try {
    await applyConfig({ actor, source: JSON.stringify({ actionTypes: [actionType] }), format: "json" });
    return { ok: true, key: String(actionType.key) };
  } catch (e) {
    if (isAppError(e)) return { ok: false, error: e.message, details: e.details as { path: string; message: string }[] | undefined };
    throw e;
  }
}
