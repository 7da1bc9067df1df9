import type { Actor } from "@/lib/domain/auth/actor.ts";
import { lockConfiguration } from "@/lib/domain/config/lock-configuration.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";
import { compileCondition } from "./compile-condition.ts";
import { publishPolicyVersion, type PublishResult } from "./publish-policy-version.ts";
import { storedRuleFromRow } from "./stored-rule.ts";

/** Publishes the saved draft as the next immutable version and removes the draft. */
export async function publishPolicyDraft(options: { actor: Actor; action: string; comment?: string }): Promise<PublishResult> {
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    await lockConfiguration(tx);
    const draft = await tx.policyVersion.findFirst({
      where: { state: "draft", policy: { actionType: { key: options.action } } },
      include: { rules: { orderBy: { position: "asc" } } },
    });
    if (!draft) throw new AppError("not_found", `There is no draft of the ${options.action} policy`);
    const rules = draft.rules.map(storedRuleFromRow);
    for (const r of rules) {
      const compiled = r.when ? compileCondition(r.when) : null;
      if (compiled && !compiled.ok) throw new AppError("validation_error", `Rule ${r.name} does not compile: ${compiled.error}`);
    }
    await tx.policyVersion.delete({ where: { id: draft.id } });
    return publishPolicyVersion(tx, { actor: options.actor, action: options.action, rules, comment: options.comment });
  });
}
