import type { Tx } from "@/lib/server/db.ts";
import type { PolicyRule } from "@/lib/server/prisma/client.ts";
import { compileCondition } from "./compile-condition.ts";
import { matchRules, type RuleForMatching } from "./match-rules.ts";

export type PolicyInput = {
  actionTypeId: string;
  payload: unknown;
  agent: { id: string; name: string; tags: string[]; owner: string | null };
  request: { summary: string | null; context: unknown };
  risk?: { flags: string[]; score: number };
  now: Date;
};

export type PolicyDecision = {
  outcome: "allow" | "deny" | "review";
  policyVersionId: string | null;
  ruleId: string | null;
  ruleName: string | null;
  reason: string;
  requiredApprovals: number;
  approvingGroups: string[];
  ownerMayApprove: boolean;
  timeoutSeconds: number | null;
  onTimeout: "reject" | "escalate";
};

type CompiledRule = RuleForMatching & { row: PolicyRule };

// Rules of a published version never change, so their compiled programs are cached by rule id.
const compiled = new Map<string, CompiledRule>();

function compileRule(row: PolicyRule): CompiledRule {
  const cached = compiled.get(row.id);
  if (cached) return cached;
  const result = row.when ? compileCondition(row.when) : null;
  const rule: CompiledRule = {
    row,
    name: row.name,
    condition: result?.ok ? result.program : null,
    compileError: result && !result.ok ? result.error : undefined,
  };
  if (compiled.size > 10_000) compiled.clear();
  compiled.set(row.id, rule);
  return rule;
}

/** The fail-closed default: one reviewer, no group restriction, reject on timeout. */
function review(reason: string, base: Partial<PolicyDecision> = {}): PolicyDecision {
  return {
    outcome: "review", policyVersionId: null, ruleId: null, ruleName: null, reason,
    requiredApprovals: 1, approvingGroups: [], ownerMayApprove: false, timeoutSeconds: null, onTimeout: "reject",
    ...base,
  };
}

/**
 * Decides a request by its action type's published policy: first matching rule wins; no policy,
 * no match, or any error while evaluating means review — never allow, never deny.
 */
export async function evaluatePolicy(tx: Tx, input: PolicyInput): Promise<PolicyDecision> {
  const policy = await tx.policy.findUnique({
    where: { actionTypeId: input.actionTypeId },
    select: { publishedVersion: { select: { id: true, rules: { orderBy: { position: "asc" } } } } },
  });
  const version = policy?.publishedVersion;
  if (!version) return review("no published policy");

  const match = matchRules(version.rules.map(compileRule), {
    payload: input.payload,
    agent: input.agent,
    risk: input.risk ?? { flags: [], score: 0 },
    request: input.request,
    now: input.now,
  });
  if (match.kind === "no_match") return review("no rule matched", { policyVersionId: version.id });
  if (match.kind === "error") {
    return review(`rule "${match.rule.name}": ${match.error}`, { policyVersionId: version.id, ruleId: match.rule.row.id, ruleName: match.rule.name });
  }
  const { row } = match.rule;
  const base = { policyVersionId: version.id, ruleId: row.id, ruleName: row.name, reason: `rule "${row.name}" matched` };
  if (row.outcome !== "review") {
    return { ...review(base.reason, base), outcome: row.outcome, requiredApprovals: 0 };
  }
  return {
    ...review(base.reason, base),
    requiredApprovals: Math.max(1, row.approvals),
    approvingGroups: row.groups,
    ownerMayApprove: row.ownerMayApprove,
    timeoutSeconds: row.timeoutSeconds,
    onTimeout: row.onTimeout,
  };
}
