"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { dryRunPolicy, type DryRunResult } from "@/lib/domain/policies/dry-run-policy.ts";
import { publishPolicyDraft } from "@/lib/domain/policies/publish-policy-draft.ts";
import { restorePolicyVersion } from "@/lib/domain/policies/restore-policy-version.ts";
import { savePolicyDraft } from "@/lib/domain/policies/save-policy-draft.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";

import { runAdminAction as run, type ActionResult } from "../../run-admin-action.ts";

// Server actions of the policy page (cross-origin calls are refused by proxy.ts). Arguments arrive
// from the client as any value: the action key and version are checked first (inside run, so a
// mismatch is a refusal the page shows, not a database error's 500); rules and samples are
// validated by the services.

const key = (action: unknown) => parseInput(z.string().max(200), action, "action");

export async function saveDraftAction(action: string, rules: unknown[]) {
  const result = await run((actor) =>
    savePolicyDraft({ actor, action: key(action), rules: parseInput(z.array(z.unknown()), rules, "rules") }),
  );
  revalidatePath(`/admin/policies/${String(action)}`);
  return result;
}

export async function publishDraftAction(action: string) {
  const result = await run((actor) => publishPolicyDraft({ actor, action: key(action) }));
  revalidatePath(`/admin/policies/${String(action)}`);
  return result;
}

export async function dryRunAction(action: string, rules: unknown[], sample: unknown, replay: number): Promise<ActionResult<DryRunResult>> {
  return run((actor) => {
    const times = parseInput(z.number(), replay, "replay");
    return dryRunPolicy({
      actor,
      action: key(action),
      rules: parseInput(z.array(z.unknown()), rules, "rules"),
      sample,
      replay: times > 0 ? times : undefined,
    });
  });
}

export async function restoreVersionAction(action: string, version: number) {
  const result = await run((actor) =>
    restorePolicyVersion({
      actor,
      action: key(action),
      version: parseInput(
        z
          .int()
          .min(1)
          .max(2 ** 31 - 1),
        version,
        "version",
      ),
    }),
  );
  revalidatePath(`/admin/policies/${String(action)}`);
  return result;
}
