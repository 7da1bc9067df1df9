import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { lockConfiguration } from "@/lib/domain/config/lock-configuration.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import type { Tx } from "@/lib/platform/db.ts";
import { rulesHash, type StoredRule } from "./stored-rule.ts";

export type PublishResult = { change: "created" | "new_version" | "unchanged"; version: number };

/**
 * Publishes rules as the next immutable version of an action type's policy, superseding the
 * current one — unless they equal the published rules, which changes nothing. The caller owns
 * the transaction and has validated the rules (conditions compile).
 */
export async function publishPolicyVersion(
  tx: Tx,
  options: { actor: Actor; action: string; rules: StoredRule[]; comment?: string },
): Promise<PublishResult> {
  const { actor, action, rules } = options;
  await lockConfiguration(tx);
  const hash = rulesHash(rules);
  const actionType = await tx.actionType.findUnique({ where: { key: action }, select: { id: true } });
  if (!actionType) throw new AppError("unknown_action", `Unknown action ${action}`);
  const policy =
    (await tx.policy.findUnique({ where: { actionTypeId: actionType.id }, include: { publishedVersion: true } })) ??
    (await tx.policy.create({ data: { actionTypeId: actionType.id }, include: { publishedVersion: true } }));
  const current = policy.publishedVersion;
  if (current?.rulesHash === hash) return { change: "unchanged", version: current.version };

  const latest = await tx.policyVersion.aggregate({ where: { policyId: policy.id }, _max: { version: true } });
  const version = (latest._max.version ?? 0) + 1;
  const created = await tx.policyVersion.create({
    data: {
      policyId: policy.id,
      version,
      state: "published",
      rulesHash: hash,
      createdById: actor.kind === "user" ? actor.userId : null,
      comment: options.comment ?? null,
      publishedAt: new Date(),
      rules: { create: rules.map((r, position) => ({ position, ...r })) },
    },
  });
  if (current) await tx.policyVersion.update({ where: { id: current.id }, data: { state: "superseded" } });
  await tx.policy.update({ where: { id: policy.id }, data: { publishedVersionId: created.id } });
  await recordAuditEvent(tx, {
    type: "policy.published",
    actor,
    subject: `policy:${action}`,
    data: { action, version, rulesHash: hash, comment: options.comment ?? null, rules },
  });
  return { change: current ? "new_version" : "created", version };
}
