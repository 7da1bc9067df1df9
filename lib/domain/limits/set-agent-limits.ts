import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";
import { AGENT_LIMIT_SELECT } from "./agent-limits.ts";
import { ZAgentLimitsInput, type TAgentLimitsInput } from "./schemas.ts";

/** Changes an agent's own limits (null: back to the default); audited with before and after. */
export async function setAgentLimits(options: { actor: Actor; agentId: string; limits: TAgentLimitsInput }) {
  const limits = parseInput(ZAgentLimitsInput, options.limits, "limits");
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    const before = await tx.agent.findUnique({ where: { id: options.agentId }, select: AGENT_LIMIT_SELECT });
    if (!before) throw new AppError("not_found", "Agent not found");
    const after = { ...before, ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) };
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      await tx.agent.update({ where: { id: options.agentId }, data: after });
      await recordAuditEvent(tx, {
        type: "agent.limits_updated",
        actor: options.actor,
        subject: `agent:${options.agentId}`,
        data: { before, after },
      });
    }
    return { agentId: options.agentId, limits: after };
  });
}
