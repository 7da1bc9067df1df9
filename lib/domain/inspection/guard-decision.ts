import type { PolicyDecision } from "@/lib/domain/policies/evaluate-policy.ts";

export type Guards = {
  /** The request's risk flags (inspection, plus budget.exceeded). */
  flags: readonly string[];
  /** The action type's automatic rejects. */
  autoRejectFlags: readonly string[];
  /** Over budget and what the budget says to do then; null when no budget applies or it holds. */
  overBudget: { onExceed: "review" | "reject"; spent: string; limit: string; amount: string | null } | null;
};

/**
 * The platform's rules on top of the policy's outcome: a flag the action type auto-rejects, or a
 * budget set to reject, denies; an `allow` turns into review when the request is over budget or
 * could not be fully inspected. Never turns anything into allow. A review the platform imposes
 * asks one approval from any reviewer and rejects on timeout (the fail-closed default), and
 * keeps the matched rule for the record.
 */
export function guardDecision(policy: PolicyDecision, guards: Guards): PolicyDecision {
  const deny = (reason: string): PolicyDecision => ({ ...policy, outcome: "deny", reason, requiredApprovals: 0 });
  const review = (reason: string): PolicyDecision => ({
    ...policy,
    outcome: "review",
    reason,
    requiredApprovals: 1,
    approvingGroups: [],
    ownerMayApprove: false,
    timeoutSeconds: null,
    onTimeout: "reject",
  });
  const hits = guards.autoRejectFlags.filter((f) => guards.flags.includes(f));
  if (hits.length) return deny(`automatic reject: risk flag ${hits.join(", ")} (action type setting)`);
  const budget = guards.overBudget;
  const budgetText =
    budget && `over budget: ${budget.amount ?? "an unreadable amount"} on top of ${budget.spent} spent, limit ${budget.limit}`;
  if (budget?.onExceed === "reject") return deny(budgetText!);
  if (policy.outcome !== "allow") return policy;
  if (budget) return review(`${budgetText} (${policy.reason}; allow turned into review)`);
  if (guards.flags.includes("inspection.incomplete")) return review(`inspection incomplete (${policy.reason}; allow turned into review)`);
  return policy;
}
