import type { Actor } from "@/lib/domain/auth/actor.ts";
import { lockConfiguration } from "@/lib/domain/config/lock-configuration.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";
import { compileCondition } from "./compile-condition.ts";
import { publishPolicyVersion, type PublishResult } from "./publish-policy-version.ts";
import { storedRuleFromRow } from "./stored-rule.ts";

/** Publishes an older version's rules again, as a new version (history is never rewritten). */
export async function restorePolicyVersion(options: {
  actor: Actor;
  action: string;
  version: number;
}): Promise<PublishResult & { restoredFrom: number }> {
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    await lockConfiguration(tx);
    const old = await tx.policyVersion.findFirst({
      where: { version: options.version, policy: { actionType: { key: options.action } } },
      include: { rules: { orderBy: { position: "asc" } } },
    });
    if (!old) throw new AppError("not_found", `No version ${options.version} of the ${options.action} policy`);
    const rules = old.rules.map(storedRuleFromRow);
    for (const r of rules) {
      const compiled = r.when ? compileCondition(r.when) : null;
      if (compiled && !compiled.ok)
        throw new AppError("validation_error", `Rule ${r.name} of version ${old.version} no longer compiles: ${compiled.error}`);
    }
    const result = await publishPolicyVersion(tx, {
      actor: options.actor,
      action: options.action,
      rules,
      comment: `restored from version ${old.version}`,
    });
    return { ...result, restoredFrom: old.version };
  });
}
