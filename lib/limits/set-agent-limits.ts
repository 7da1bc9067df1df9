import type { Actor } from "@/lib/auth/actor.ts";
import { recordAuditEvent } from "@/lib/audit/record-audit-event.ts";
import { AppError } from "@/lib/errors.ts";
import { db } from "@/lib/server/db.ts";
import { requireAdmin } from "@/lib/users/require-admin.ts";
import { parseInput } from "@/lib/validation/parse-input.ts";
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
      await recordAuditEvent(tx, { type: "agent.limits_updated", actor: options.actor, subject: `agent:${options.agentId}`, data: { before, after } });
    }
    return { agentId: options.agentId, limits: after };
  });
}
