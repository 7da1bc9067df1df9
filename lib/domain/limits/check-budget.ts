import { getAtPointer } from "@/lib/kernel/json/json-pointer.ts";
import type { Tx } from "@/lib/platform/db.ts";
import { Prisma } from "@/lib/platform/prisma/client.ts";

// Daily spend budgets: per agent and action type, the sum of the action type's budgetField over
// the agent's pending and approved requests in the window — the current UTC day, or a rolling
// window of `windowSeconds`. Rejected, expired and cancelled requests spend nothing. The amount
// counted is the one currently proposed: a reviewer's edit is checked against the budget (without
// the request's own earlier amount) and, once accepted, replaces it.

export type BudgetRule = { limit: Prisma.Decimal; windowSeconds: number | null; onExceed: "review" | "reject" };
export type BudgetCheck = {
  exceeded: boolean;
  spent: string;
  limit: string;
  amount: string | null;
  onExceed: "review" | "reject";
  since: Date;
};

/** The number at the action type's budgetField: `undefined` without a budget field, null when unreadable. */
export function spendAmount(budgetField: string | null, payload: unknown): Prisma.Decimal | null | undefined {
  if (!budgetField) return undefined;
  const at = getAtPointer(payload, budgetField);
  return at.found && typeof at.value === "number" && Number.isFinite(at.value) && at.value >= 0 ? new Prisma.Decimal(at.value) : null;
}

export function windowStart(now: Date, windowSeconds: number | null): Date {
  if (windowSeconds) return new Date(now.getTime() - windowSeconds * 1000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Inside the submit transaction, under a lock per agent and action type (so two concurrent
 * submissions cannot both fit into the last of the budget): would this amount take the agent
 * past its budget? An unreadable amount counts as exceeding it (fail closed).
 */
export async function checkBudget(
  tx: Tx,
  input: { agentId: string; actionTypeId: string; rule: BudgetRule; amount: Prisma.Decimal | null; now: Date; excludeRequestId?: string },
): Promise<BudgetCheck> {
  const { agentId, actionTypeId, rule, amount } = input;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`budget:${agentId}:${actionTypeId}`}, 0))`;
  const since = windowStart(input.now, rule.windowSeconds);
  const [row] = await tx.$queryRaw<{ spent: string }[]>`
    SELECT COALESCE(SUM("spendAmount"), 0)::text AS spent FROM approval_requests
    WHERE "agentId" = ${agentId}::uuid AND "actionTypeId" = ${actionTypeId}::uuid AND "createdAt" >= ${since}
      AND status IN ('pending', 'approved')${input.excludeRequestId ? Prisma.sql` AND id <> ${input.excludeRequestId}::uuid` : Prisma.empty}`;
  const spent = new Prisma.Decimal(row?.spent ?? "0");
  const exceeded = amount === null || spent.plus(amount).greaterThan(rule.limit);
  return {
    exceeded,
    spent: spent.toString(),
    limit: rule.limit.toString(),
    amount: amount?.toString() ?? null,
    onExceed: rule.onExceed,
    since,
  };
}
