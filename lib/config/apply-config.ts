import type { Actor } from "@/lib/auth/actor.ts";
import { recordAuditEvent } from "@/lib/audit/record-audit-event.ts";
import { canonicalJson, sha256Hex } from "@/lib/json/canonical-json.ts";
import { db, type Prisma, type Tx } from "@/lib/server/db.ts";
import { requireAdmin } from "@/lib/users/require-admin.ts";
import type { TActionTypeConfig, TPolicyConfig } from "./schemas.ts";
import { parseConfigSource, validateConfig } from "./validate-config.ts";

export type ApplyConfigResult = {
  actionTypes: { key: string; change: "created" | "updated" | "unchanged" }[];
  policies: { action: string; change: "created" | "new_version" | "unchanged"; version: number }[];
};

/**
 * Applies action types and policies as code: validates the whole document first and changes
 * nothing if any part is invalid; then one transaction. Applying the same document twice changes
 * nothing (and audits nothing) the second time.
 */
export async function applyConfig(options: { actor: Actor; source: string; format?: "yaml" | "json" }): Promise<ApplyConfigResult> {
  const raw = parseConfigSource(options.source, options.format);
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    const known = new Set((await tx.actionType.findMany({ select: { key: true } })).map((a) => a.key));
    const doc = validateConfig(raw, known);
    const result: ApplyConfigResult = { actionTypes: [], policies: [] };
    for (const t of doc.actionTypes) result.actionTypes.push({ key: t.key, change: await upsertActionType(tx, options.actor, t) });
    for (const p of doc.policies) result.policies.push({ action: p.action, ...(await publishPolicy(tx, options.actor, p)) });
    return result;
  });
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

/** The rules as stored, with defaults filled in, so equal rules always hash the same. */
function normaliseRules(p: TPolicyConfig) {
  return p.rules.map((r) => ({
    name: r.name,
    when: r.when ?? null,
    outcome: r.outcome,
    approvals: r.outcome === "review" ? (r.approvals ?? 1) : 0,
    groups: r.groups,
    distinctGroups: r.distinctGroups,
    ownerMayApprove: r.ownerMayApprove,
    rejectNeedsComment: r.rejectNeedsComment,
    timeoutSeconds: r.timeoutSeconds ?? null,
    onTimeout: r.onTimeout,
    escalateToGroups: r.escalateToGroups,
    escalateAfterSeconds: r.escalateAfterSeconds ?? null,
  }));
}

async function publishPolicy(tx: Tx, actor: Actor, p: TPolicyConfig) {
  const rules = normaliseRules(p);
  const rulesHash = sha256Hex(canonicalJson(rules));
  const actionType = await tx.actionType.findUniqueOrThrow({ where: { key: p.action }, select: { id: true } });
  const policy =
    (await tx.policy.findUnique({ where: { actionTypeId: actionType.id }, include: { publishedVersion: true } })) ??
    (await tx.policy.create({ data: { actionTypeId: actionType.id }, include: { publishedVersion: true } }));
  const current = policy.publishedVersion;
  if (current?.rulesHash === rulesHash) return { change: "unchanged" as const, version: current.version };

  const latest = await tx.policyVersion.aggregate({ where: { policyId: policy.id }, _max: { version: true } });
  const version = (latest._max.version ?? 0) + 1;
  const created = await tx.policyVersion.create({
    data: {
      policyId: policy.id,
      version,
      state: "published",
      rulesHash,
      createdById: actor.kind === "user" ? actor.userId : null,
      publishedAt: new Date(),
      rules: { create: rules.map((r, position) => ({ position, ...r })) },
    },
  });
  if (current) await tx.policyVersion.update({ where: { id: current.id }, data: { state: "superseded" } });
  await tx.policy.update({ where: { id: policy.id }, data: { publishedVersionId: created.id } });
  await recordAuditEvent(tx, {
    type: "policy.published",
    actor,
    subject: `policy:${p.action}`,
    data: { action: p.action, version, rulesHash, rules },
  });
  return { change: current ? ("new_version" as const) : ("created" as const), version };
}
