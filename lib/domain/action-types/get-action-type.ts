import type { Actor } from "@/lib/domain/auth/actor.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { requireReader } from "@/lib/domain/users/require-reader.ts";

/** One action type as the admin console edits it. */
export async function getActionType(options: { actor: Actor; key: string }) {
  await requireReader(db(), options.actor);
  const t = await db().actionType.findUnique({ where: { key: options.key } });
  if (!t) throw new AppError("not_found", `Unknown action ${options.key}`);
  return {
    key: t.key,
    name: t.name,
    description: t.description,
    riskLevel: t.riskLevel,
    allowEdit: t.allowEdit,
    sensitiveFields: t.sensitiveFields,
    budgetField: t.budgetField,
    autoRejectFlags: t.autoRejectFlags,
    recipientField: t.recipientField,
    payloadSchema: t.payloadSchema,
  };
}
