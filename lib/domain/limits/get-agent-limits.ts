import type { Actor } from "@/lib/domain/auth/actor.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { requireReader } from "@/lib/domain/users/require-reader.ts";
import { isUuid } from "@/lib/kernel/validation/is-uuid.ts";
import { AGENT_LIMIT_SELECT, effectiveLimits } from "./agent-limits.ts";
import { windowStart } from "./check-budget.ts";

/**
 * An agent's limits as the admin console and `agent:limits:show` present them: its own settings,
 * the limits in force, its budgets with what was spent in the current window, and the strikes
 * the circuit breaker counts right now.
 */
export async function getAgentLimits(options: { actor: Actor; agentId: string; now?: Date }) {
  await requireReader(db(), options.actor);
  // Not a UUID (a hand-typed URL): no such agent, rather than a database error on the uuid column.
  if (!isUuid(options.agentId)) throw new AppError("not_found", "Agent not found");
  const now = options.now ?? new Date();
  const agent = await db().agent.findUnique({
    where: { id: options.agentId },
    select: {
      id: true,
      name: true,
      status: true,
      breakerResetAt: true,
      ...AGENT_LIMIT_SELECT,
      budgets: { include: { actionType: { select: { key: true, budgetField: true } } } },
    },
  });
  if (!agent) throw new AppError("not_found", "Agent not found");
  const { id, name, status, budgets, breakerResetAt, ...settings } = agent;
  const effective = effectiveLimits(settings);
  const windowFrom = new Date(now.getTime() - effective.breakerWindowSeconds * 1000);
  const since = breakerResetAt && breakerResetAt > windowFrom ? breakerResetAt : windowFrom;
  const [strikes, spent, budgetedTypes] = await Promise.all([
    db().agentStrike.count({ where: { agentId: id, at: { gt: since } } }),
    Promise.all(
      budgets.map(async (b) => {
        const sum = await db().approvalRequest.aggregate({
          where: {
            agentId: id,
            actionTypeId: b.actionTypeId,
            createdAt: { gte: windowStart(now, b.windowSeconds) },
            status: { in: ["pending", "approved"] },
          },
          _sum: { spendAmount: true },
        });
        return sum._sum.spendAmount?.toString() ?? "0";
      }),
    ),
    db().actionType.findMany({ where: { budgetField: { not: null } }, select: { key: true, budgetField: true }, orderBy: { key: "asc" } }),
  ]);
  return {
    agent: { id, name, status },
    settings,
    effective,
    budgets: budgets.map((b, i) => ({
      action: b.actionType.key,
      budgetField: b.actionType.budgetField,
      limit: b.limit.toString(),
      windowSeconds: b.windowSeconds,
      onExceed: b.onExceed,
      spent: spent[i]!,
    })),
    budgetableActions: budgetedTypes,
    breaker: { strikes, since: since.toISOString() },
  };
}
