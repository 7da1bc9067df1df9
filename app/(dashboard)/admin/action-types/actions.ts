"use server";

import { applyConfig } from "@/lib/domain/config/apply-config.ts";
import { runAdminAction } from "../run-admin-action.ts";

/** Creates or updates one action type through the same validation as config:apply. */
export async function saveActionTypeAction(actionType: Record<string, unknown>) {
  return runAdminAction(async (actor) => {
    await applyConfig({ actor, source: JSON.stringify({ actionTypes: [actionType] }), format: "json" });
    return { key: String(actionType.key) };
  });
}
