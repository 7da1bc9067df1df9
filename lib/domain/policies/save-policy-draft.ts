import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { validateConfig } from "@/lib/domain/config/validate-config.ts";
import { lockConfiguration } from "@/lib/domain/config/lock-configuration.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";
import { rulesHash, storedRuleFromConfig } from "./stored-rule.ts";

/** The draft of a policy is its version 0: at most one per policy, replaced on every save. */
export const DRAFT_VERSION = 0;

/**
 * Saves an admin's edits as the policy's draft. The rules are validated exactly as for
 * publishing (a draft whose conditions do not compile is refused), but nothing is decided with
 * them until the draft is published.
 */
export async function savePolicyDraft(options: { actor: Actor; action: string; rules: unknown[] }): Promise<{ rulesHash: string }> {
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    await lockConfiguration(tx);
    const actionType = await tx.actionType.findUnique({ where: { key: options.action }, select: { id: true } });
    if (!actionType) throw new AppError("unknown_action", `Unknown action ${options.action}`);
    const doc = validateConfig({ policies: [{ action: options.action, rules: options.rules }] }, new Set([options.action]));
    const rules = doc.policies[0]!.rules.map(storedRuleFromConfig);
    const hash = rulesHash(rules);
    const policy =
      (await tx.policy.findUnique({ where: { actionTypeId: actionType.id } })) ??
      (await tx.policy.create({ data: { actionTypeId: actionType.id } }));
    await tx.policyVersion.deleteMany({ where: { policyId: policy.id, state: "draft" } });
    await tx.policyVersion.create({
      data: {
        policyId: policy.id,
        version: DRAFT_VERSION,
        state: "draft",
        rulesHash: hash,
        createdById: options.actor.kind === "user" ? options.actor.userId : null,
        rules: { create: rules.map((r, position) => ({ position, ...r })) },
      },
    });
    await recordAuditEvent(tx, {
      type: "policy.draft_saved",
      actor: options.actor,
      subject: `policy:${options.action}`,
      data: { action: options.action, rulesHash: hash, rules },
    });
    return { rulesHash: hash };
  });
}
