import type { CelActivation } from "./cel-environment.ts";
import { compileCondition } from "./compile-condition.ts";
import { matchRules, type RuleForMatching } from "./match-rules.ts";
import type { StoredRule } from "./stored-rule.ts";

export type PolicyInput = {
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

/** A rule to decide with: a stored (published) rule has an id; a draft's rules do not. */
export type DecidingRule = StoredRule & { id?: string };

type CompiledRule = RuleForMatching & { rule: DecidingRule };

// Rules of a published version never change, so their compiled programs are cached by rule id.
const compiled = new Map<string, CompiledRule>();

function compileRule(rule: DecidingRule): CompiledRule {
  const cached = rule.id ? compiled.get(rule.id) : undefined;
  if (cached) return cached;
  const result = rule.when ? compileCondition(rule.when) : null;
  const entry: CompiledRule = {
    rule,
    name: rule.name,
    condition: result?.ok ? result.program : null,
    compileError: result && !result.ok ? result.error : undefined,
    linear: result?.ok ? result.linear : true,
  };
  if (rule.id) {
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(rule.id, entry);
  }
  return entry;
}

/** The fail-closed default: one reviewer, no group restriction, reject on timeout. */
function review(reason: string, base: Partial<PolicyDecision> = {}): PolicyDecision {
  return {
    outcome: "review",
    policyVersionId: null,
    ruleId: null,
    ruleName: null,
    reason,
    requiredApprovals: 1,
    approvingGroups: [],
    ownerMayApprove: false,
    timeoutSeconds: null,
    onTimeout: "reject",
    ...base,
  };
}

/**
 * First matching rule wins; no match, or any error while evaluating, means review — never allow,
 * never deny. Pure: used for real submissions and for dry runs of drafts alike.
 */
export function decideByRules(rules: DecidingRule[], activation: CelActivation, policyVersionId: string | null = null): PolicyDecision {
  const match = matchRules(rules.map(compileRule), activation);
  if (match.kind === "no_match") return review("no rule matched", { policyVersionId });
  if (match.kind === "error") {
    return review(`rule "${match.rule.name}": ${match.error}`, {
      policyVersionId,
      ruleId: match.rule.rule.id ?? null,
      ruleName: match.rule.name,
    });
  }
  const { rule } = match.rule;
  const base = { policyVersionId, ruleId: rule.id ?? null, ruleName: rule.name, reason: `rule "${rule.name}" matched` };
  if (rule.outcome !== "review") return { ...review(base.reason, base), outcome: rule.outcome, requiredApprovals: 0 };
  return {
    ...review(base.reason, base),
    requiredApprovals: Math.max(1, rule.approvals),
    approvingGroups: rule.groups,
    ownerMayApprove: rule.ownerMayApprove,
    timeoutSeconds: rule.timeoutSeconds,
    onTimeout: rule.onTimeout,
  };
}

/** The published version of an action type's policy, rules in order (null: none published). */
export type PublishedPolicy = { id: string; rules: DecidingRule[] } | null;

/** The query shape that loads a PublishedPolicy along with its action type, in one round trip. */
export const PUBLISHED_POLICY_INCLUDE = {
  policy: { select: { publishedVersion: { select: { id: true, rules: { orderBy: { position: "asc" as const } } } } } },
};

/** Decides a request by its action type's published policy (no policy → review). */
export function evaluatePolicy(published: PublishedPolicy, input: PolicyInput): PolicyDecision {
  if (!published) return review("no published policy");
  return decideByRules(
    published.rules,
    {
      payload: input.payload,
      agent: input.agent,
      risk: input.risk ?? { flags: [], score: 0 },
      request: input.request,
      now: input.now,
    },
    published.id,
  );
}
