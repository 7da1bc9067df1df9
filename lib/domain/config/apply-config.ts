import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { canonicalJson } from "@/lib/kernel/json/canonical-json.ts";
import { db, type Prisma, type Tx } from "@/lib/platform/db.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";
import { publishPolicyVersion } from "@/lib/domain/policies/publish-policy-version.ts";
import { storedRuleFromConfig } from "@/lib/domain/policies/stored-rule.ts";
import { lockConfiguration } from "./lock-configuration.ts";
import type { TActionTypeConfig } from "./schemas.ts";
import { parseConfigSource, validateConfig } from "./validate-config.ts";

export type ApplyConfigResult = {
  actionTypes: { key: string; change: "created" | "updated" | "unchanged" }[];
  policies: { action: string; change: "created" | "new_version" | "unchanged"; version: number }[];
};

// A large file, or one waiting behind another apply, takes longer than Prisma's 5 s default.
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

/**
 * Applies action types and policies as code: validates the whole document first and changes
 * nothing if any part is invalid; then one transaction. Applying the same document twice changes
 * nothing (and audits nothing) the second time.
 */
export async function applyConfig(options: { actor: Actor; source: string; format?: "yaml" | "json" }): Promise<ApplyConfigResult> {
  const raw = parseConfigSource(options.source, options.format);
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    await lockConfiguration(tx);
    const known = new Set((await tx.actionType.findMany({ select: { key: true } })).map((a) => a.key));
    const doc = validateConfig(raw, known);
    const result: ApplyConfigResult = { actionTypes: [], policies: [] };
    for (const t of doc.actionTypes) result.actionTypes.push({ key: t.key, change: await upsertActionType(tx, options.actor, t) });
    for (const p of doc.policies) {
      const published = await publishPolicyVersion(tx, {
        actor: options.actor,
        action: p.action,
        rules: p.rules.map(storedRuleFromConfig),
      });
      result.policies.push({ action: p.action, ...published });
    }
    return result;
  }, TRANSACTION_OPTIONS);
}

async function upsertActionType(tx: Tx, actor: Actor, t: TActionTypeConfig): Promise<"created" | "updated" | "unchanged"> {
  const data = {
    name: t.name,
    description: t.description ?? null,
    riskLevel: t.riskLevel,
    allowEdit: t.allowEdit,
    sensitiveFields: t.sensitiveFields,
    payloadSchema: t.payloadSchema as Prisma.InputJsonValue,
    budgetField: t.budgetField ?? null,
    autoRejectFlags: t.autoRejectFlags,
    recipientField: t.recipientField ?? null,
  };
  const existing = await tx.actionType.findUnique({ where: { key: t.key } });
  if (!existing) {
    await tx.actionType.create({ data: { key: t.key, ...data } });
    await recordAuditEvent(tx, { type: "action_type.created", actor, subject: `action_type:${t.key}`, data: { key: t.key, ...data } });
    return "created";
  }
  const current = Object.fromEntries(Object.keys(data).map((k) => [k, existing[k as keyof typeof data]]));
  if (canonicalJson(current) === canonicalJson(data)) return "unchanged";
  await tx.actionType.update({ where: { key: t.key }, data });
  await recordAuditEvent(tx, { type: "action_type.updated", actor, subject: `action_type:${t.key}`, data: { key: t.key, ...data } });
  return "updated";
}
