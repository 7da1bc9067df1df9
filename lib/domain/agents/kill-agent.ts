import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { closeRequest } from "@/lib/domain/requests/close-request.ts";
import { signalRequestClosed } from "@/lib/domain/requests/decision-signal.ts";
import { db } from "@/lib/platform/db.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";

/**
 * The kill switch: disables the agent (no new submissions until an admin resumes it) and cancels
 * every request it has pending, in one transaction. Cancelled requests carry
 * `decision.by = "policy"` and say why; the audit trail names the admin.
 */
export async function killAgent(options: { actor: Actor; agentId: string }): Promise<{ agentId: string; cancelled: number }> {
  const cancelled = await db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    const agent = await tx.agent.findUnique({ where: { id: options.agentId } });
    if (!agent) throw new AppError("not_found", "Agent not found");
    await tx.agent.update({ where: { id: agent.id }, data: { status: "disabled" } });
    const pending = await tx.$queryRaw<{ id: string; agentId: string; action: string }[]>`
      SELECT id, "agentId", action FROM approval_requests WHERE "agentId" = ${agent.id}::uuid AND status = 'pending' FOR UPDATE`;
    for (const request of pending) {
      await closeRequest(tx, {
        actor: options.actor,
        request,
        status: "cancelled",
        by: "policy",
        comment: "Cancelled: an admin stopped this agent (kill switch)",
      });
    }
    await recordAuditEvent(tx, {
      type: "agent.killed",
      actor: options.actor,
      subject: `agent:${agent.id}`,
      data: { from: agent.status, cancelled: pending.length },
    });
    return pending.map((p) => p.id);
  });
  for (const id of cancelled) await signalRequestClosed(id);
  return { agentId: options.agentId, cancelled: cancelled.length };
}
