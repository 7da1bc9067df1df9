import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db, type Tx } from "@/lib/platform/db.ts";
import { Prisma } from "@/lib/platform/prisma/client.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";
import { ZBudgetInput, type TBudgetInput } from "./schemas.ts";

async function budgetedActionType(tx: Tx, key: string) {
  const actionType = await tx.actionType.findUnique({ where: { key }, select: { id: true, budgetField: true } });
  if (!actionType) throw new AppError("unknown_action", `Unknown action ${key}`);
  if (!actionType.budgetField)
    throw new AppError("validation_error", `Action type ${key} has no budgetField to sum`, [
      { path: "/action", message: "the action type needs a budgetField" },
    ]);
  return actionType;
}

/** Sets an agent's spend budget for one action type (audited). */
export async function setAgentBudget(options: { actor: Actor; agentId: string; budget: TBudgetInput }) {
  const b = parseInput(ZBudgetInput, options.budget, "budget");
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    if (!(await tx.agent.findUnique({ where: { id: options.agentId }, select: { id: true } })))
      throw new AppError("not_found", "Agent not found");
    const actionType = await budgetedActionType(tx, b.action);
    const data = { limit: new Prisma.Decimal(b.limit), windowSeconds: b.windowSeconds, onExceed: b.onExceed };
    await tx.agentBudget.upsert({
      where: { agentId_actionTypeId: { agentId: options.agentId, actionTypeId: actionType.id } },
      create: { agentId: options.agentId, actionTypeId: actionType.id, ...data },
      update: data,
    });
    const shown = { action: b.action, limit: data.limit.toString(), windowSeconds: b.windowSeconds, onExceed: b.onExceed };
    await recordAuditEvent(tx, { type: "agent.budget_set", actor: options.actor, subject: `agent:${options.agentId}`, data: shown });
    return { agentId: options.agentId, budget: shown };
  });
}

/** Removes an agent's budget for one action type (audited). */
export async function removeAgentBudget(options: { actor: Actor; agentId: string; action: string }) {
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    const actionType = await tx.actionType.findUnique({ where: { key: options.action }, select: { id: true } });
    if (!actionType) throw new AppError("unknown_action", `Unknown action ${options.action}`);
    const { count } = await tx.agentBudget.deleteMany({ where: { agentId: options.agentId, actionTypeId: actionType.id } });
    if (count)
      await recordAuditEvent(tx, {
        type: "agent.budget_removed",
        actor: options.actor,
        subject: `agent:${options.agentId}`,
        data: { action: options.action },
      });
    return { agentId: options.agentId, removed: count > 0 };
  });
}
