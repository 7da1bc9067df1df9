"use server";

import { revalidatePath } from "next/cache";
import { dryRunPolicy, type DryRunResult } from "@/lib/policies/dry-run-policy.ts";
import { publishPolicyDraft } from "@/lib/policies/publish-policy-draft.ts";
import { restorePolicyVersion } from "@/lib/policies/restore-policy-version.ts";
import { savePolicyDraft } from "@/lib/policies/save-policy-draft.ts";

import { runAdminAction as run, type ActionResult } from "../../run-admin-action.ts";

// Server actions of the policy page (Next.js refuses cross-origin action calls).

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
