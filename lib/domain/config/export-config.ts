import YAML from "yaml";
import type { Actor } from "@/lib/domain/auth/actor.ts";
import { configRuleFromStored, storedRuleFromRow } from "@/lib/domain/policies/stored-rule.ts";
import { db } from "@/lib/platform/db.ts";
import { requireReader } from "@/lib/domain/users/require-reader.ts";

/**
 * The current configuration — action types and published policies — in the config:apply format,
 * so that applying the export changes nothing.
 */
export async function exportConfig(options: { actor: Actor; format?: "yaml" | "json" }): Promise<string> {
  await requireReader(db(), options.actor);
  const actionTypes = await db().actionType.findMany({
    orderBy: { key: "asc" },
    include: { policy: { include: { publishedVersion: { include: { rules: { orderBy: { position: "asc" } } } } } } },
  });
  const doc = {
    actionTypes: actionTypes.map((t) => ({
      key: t.key,
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      riskLevel: t.riskLevel,
      allowEdit: t.allowEdit,
      sensitiveFields: t.sensitiveFields,
      ...(t.budgetField ? { budgetField: t.budgetField } : {}),
      ...(t.autoRejectFlags.length ? { autoRejectFlags: t.autoRejectFlags } : {}),
      ...(t.recipientField ? { recipientField: t.recipientField } : {}),
      payloadSchema: t.payloadSchema,
    })),
    policies: actionTypes
      .filter((t) => t.policy?.publishedVersion)
      .map((t) => ({ action: t.key, rules: t.policy!.publishedVersion!.rules.map((r) => configRuleFromStored(storedRuleFromRow(r))) })),
  };
  return options.format === "json" ? JSON.stringify(doc, null, 2) + "\n" : YAML.stringify(doc);
}
