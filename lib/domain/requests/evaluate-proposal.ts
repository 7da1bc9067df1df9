import { validatePayload } from "@/lib/domain/action-types/validate-payload.ts";
import { guardDecision } from "@/lib/domain/inspection/guard-decision.ts";
import { inspectArguments, type Inspection } from "@/lib/domain/inspection/inspect-arguments.ts";
import { riskScore, type RiskFlag } from "@/lib/domain/inspection/risk-flags.ts";
import { checkBudget, spendAmount, type BudgetCheck, type BudgetRule } from "@/lib/domain/limits/check-budget.ts";
import {
  evaluatePolicy,
  PUBLISHED_POLICY_INCLUDE,
  type PolicyDecision,
  type PublishedPolicy,
} from "@/lib/domain/policies/evaluate-policy.ts";
import type { Prisma, Tx } from "@/lib/platform/db.ts";

/** The action type as a proposal is judged by it: schema, budget field, automatic rejects, policy. */
export type ProposalActionType = {
  id: string;
  updatedAt: Date;
  payloadSchema: unknown;
  budgetField: string | null;
  autoRejectFlags: string[];
  policy: { publishedVersion: NonNullable<PublishedPolicy> | null } | null;
};

/** The query shape that loads a ProposalActionType (with the published policy's rules). */
export const PROPOSAL_ACTION_TYPE_SELECT = {
  id: true,
  updatedAt: true,
  payloadSchema: true,
  budgetField: true,
  autoRejectFlags: true,
  ...PUBLISHED_POLICY_INCLUDE,
} as const;

export type ProposalInput = {
  actionType: ProposalActionType;
  /** The agent's budget for this action type, if it has one. */
  budgetRule: BudgetRule | null;
  agent: { id: string; name: string; tags: string[]; owner: string | null };
  payload: unknown;
  summary: string | null;
  context: unknown;
  now: Date;
  /** A request whose own spend is not counted (a reviewer's edit replaces that request's amount). */
  excludeRequestId?: string;
};

export type ProposalVerdict = {
  inspection: Inspection;
  risk: { flags: RiskFlag[]; score: number };
  /** The number at the action type's budget field (undefined: no budget field; null: unreadable). */
  amount: Prisma.Decimal | null | undefined;
  budget: BudgetCheck | null;
  /** The published policy's decision with the platform's guards (auto-reject flags, budget) on top. */
  policy: PolicyDecision;
};

/**
 * Everything a payload goes through before anyone may approve it: the action type's schema
 * (throws `validation_error`), argument inspection and its risk flags, the agent's budget (inside
 * the caller's transaction, under the budget lock) and the policy with the platform's guards on
 * top. The one path for an agent's submission and a reviewer's edit alike, so an edit can never
 * get through what a submission would not. Writes nothing.
 */
export async function evaluateProposal(tx: Tx, input: ProposalInput): Promise<ProposalVerdict> {
  const { actionType, budgetRule, payload, now } = input;
  validatePayload(actionType, payload);
  const inspection = inspectArguments({ payload, summary: input.summary });
  const amount = spendAmount(actionType.budgetField, payload);
  const budget =
    budgetRule && amount !== undefined
      ? await checkBudget(tx, {
          agentId: input.agent.id,
          actionTypeId: actionType.id,
          rule: budgetRule,
          amount,
          now,
          excludeRequestId: input.excludeRequestId,
        })
      : null;
  const flags: RiskFlag[] = budget?.exceeded ? [...inspection.flags, "budget.exceeded"] : inspection.flags;
  const risk = { flags, score: riskScore(flags) };
  const policy = guardDecision(
    evaluatePolicy(actionType.policy?.publishedVersion ?? null, {
      payload,
      agent: input.agent,
      request: { summary: input.summary, context: input.context },
      risk,
      now,
    }),
    { flags, autoRejectFlags: actionType.autoRejectFlags, overBudget: budget?.exceeded ? budget : null },
  );
  return { inspection, risk, amount, budget, policy };
}
