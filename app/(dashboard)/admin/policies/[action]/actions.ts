"use server";

import { revalidatePath } from "next/cache";
import { isAppError } from "@/lib/errors.ts";
import { getSessionActor } from "@/lib/http/session.ts";
import { dryRunPolicy, type DryRunResult } from "@/lib/policies/dry-run-policy.ts";
import { publishPolicyDraft } from "@/lib/policies/publish-policy-draft.ts";
import { restorePolicyVersion } from "@/lib/policies/restore-policy-version.ts";
import { savePolicyDraft } from "@/lib/policies/save-policy-draft.ts";

// Server actions of the policy page: thin — authenticate, call the service (which authorizes),
// report errors as data. Next.js refuses cross-origin action calls.

export type ActionResult<T = unknown> = { ok: true; data: T } | { ok: false; error: string; details?: unknown };

async function run<T>(fn: (actor: NonNullable<Awaited<ReturnType<typeof getSessionActor>>>) => Promise<T>): Promise<ActionResult<T>> {
  const actor = await getSessionActor();
  if (!actor) return { ok: false, error: "Your session has ended; sign in again." };
  try {
    return { ok: true, data: await fn(actor) };
  } catch (e) {
    if (isAppError(e)) return { ok: false, error: e.message, details: e.details };
    throw e;
  }
}

export async function saveDraftAction(action: string, rules: unknown[]) {
  const result = await run((actor) => savePolicyDraft({ actor, action, rules }));
  revalidatePath(`/admin/policies/${action}`);
  return result;
}

export async function publishDraftAction(action: string) {
  const result = await run((actor) => publishPolicyDraft({ actor, action }));
  revalidatePath(`/admin/policies/${action}`);
  return result;
}

export async function dryRunAction(action: string, rules: unknown[], sample: unknown, replay: number): Promise<ActionResult<DryRunResult>> {
  return run((actor) => dryRunPolicy({ actor, action, rules, sample, replay: replay > 0 ? replay : undefined }));
}

export async function restoreVersionAction(action: string, version: number) {
  const result = await run((actor) => restorePolicyVersion({ actor, action, version }));
  revalidatePath(`/admin/policies/${action}`);
  return result;
}
