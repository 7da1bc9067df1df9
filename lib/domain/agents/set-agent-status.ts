import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import type { AgentStatus } from "@/lib/platform/prisma/enums.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";

/** Shared by pause and resume: an audited status change; a no-op (and no event) if unchanged. */
export async function setAgentStatus(options: {
  actor: Actor;
  agentId: string;
  status: AgentStatus;
}): Promise<{ agentId: string; status: AgentStatus }> {
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    const agent = await tx.agent.findUnique({ where: { id: options.agentId } });
    if (!agent) throw new AppError("not_found", "Agent not found");
    if (agent.status !== options.status) {
      // Resuming starts the circuit breaker's count afresh: earlier strikes do not trip it again.
      await tx.agent.update({
        where: { id: agent.id },
        data: { status: options.status, ...(options.status === "active" ? { breakerResetAt: new Date() } : {}) },
      });
      const type = options.status === "paused" ? "agent.paused" : options.status === "active" ? "agent.resumed" : "agent.disabled";
      await recordAuditEvent(tx, {
        type,
        actor: options.actor,
        subject: `agent:${agent.id}`,
        data: { from: agent.status, to: options.status },
      });
    }
    return { agentId: agent.id, status: options.status };
  });
}
