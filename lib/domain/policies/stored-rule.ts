import type { TRuleConfig } from "@/lib/domain/config/schemas.ts";
import { canonicalJson, sha256Hex } from "@/lib/kernel/json/canonical-json.ts";
import type { PolicyRule } from "@/lib/platform/prisma/client.ts";

/** A rule exactly as stored in policy_rules (defaults filled in), so equal rules hash the same. */
export type StoredRule = Omit<PolicyRule, "id" | "versionId" | "position">;

export function storedRuleFromConfig(r: TRuleConfig): StoredRule {
  return {
    name: r.name,
    when: r.when ?? null,
    outcome: r.outcome,
    approvals: r.outcome === "review" ? (r.approvals ?? 1) : 0,
    groups: r.groups,
    distinctGroups: r.distinctGroups,
    ownerMayApprove: r.ownerMayApprove,
    rejectNeedsComment: r.rejectNeedsComment,
    allowEdit: r.allowEdit ?? null,
    timeoutSeconds: r.timeoutSeconds ?? null,
    onTimeout: r.onTimeout,
    escalateToGroups: r.escalateToGroups,
    escalateAfterSeconds: r.escalateAfterSeconds ?? null,
  };
}

export function storedRuleFromRow(row: PolicyRule): StoredRule {
  const { id: _id, versionId: _v, position: _p, ...rule } = row; // eslint-disable-line @typescript-eslint/no-unused-vars
  return rule;
}

/** The rule in the configuration format, defaults left out (what config:export writes). */
export function configRuleFromStored(r: StoredRule): Record<string, unknown> {
  const out: Record<string, unknown> = { name: r.name };
  if (r.when !== null) out.when = r.when;
  out.outcome = r.outcome;
  if (r.outcome === "review") {
    if (r.approvals !== 1) out.approvals = r.approvals;
    if (r.timeoutSeconds !== null) out.timeoutSeconds = r.timeoutSeconds;
    if (r.escalateAfterSeconds !== null) out.escalateAfterSeconds = r.escalateAfterSeconds;
  }
  if (r.groups.length) out.groups = r.groups;
  if (r.distinctGroups) out.distinctGroups = true;
  if (r.ownerMayApprove) out.ownerMayApprove = true;
  if (!r.rejectNeedsComment) out.rejectNeedsComment = false;
  if (r.allowEdit !== null) out.allowEdit = r.allowEdit;
  if (r.onTimeout !== "reject") out.onTimeout = r.onTimeout;
  if (r.escalateToGroups.length) out.escalateToGroups = r.escalateToGroups;
  return out;
}

/** Fields added after the first release are left out while unset, so older hashes stay valid. */
export function rulesHash(rules: StoredRule[]): string {
  return sha256Hex(canonicalJson(rules.map(({ allowEdit, ...rest }) => (allowEdit === null ? rest : { ...rest, allowEdit }))));
}
