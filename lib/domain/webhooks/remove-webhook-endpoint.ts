import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";
import { isUuid } from "@/lib/kernel/validation/is-uuid.ts";

/**
 * Removes the agent's webhook endpoint: no further decision is pushed to it, its signing secrets
 * are gone, and its deliveries (pending ones included, which the worker then skips) and their
 * attempt log go with it. The audit event keeps the URL it had and how many deliveries it held.
 * Setting a URL again creates a new endpoint with a new secret.
 */
export async function removeWebhookEndpoint(options: { actor: Actor; agentId: string }): Promise<{ removed: boolean }> {
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    const agent = isUuid(options.agentId)
      ? await tx.agent.findUnique({
          where: { id: options.agentId },
          include: { webhook: { include: { _count: { select: { deliveries: true } } } } },
        })
      : null;
    if (!agent) throw new AppError("not_found", "Agent not found");
    if (!agent.webhook) throw new AppError("not_found", "This agent has no webhook endpoint");
    await tx.webhookEndpoint.delete({ where: { id: agent.webhook.id } });
    await recordAuditEvent(tx, {
      type: "webhook.removed",
      actor: options.actor,
      subject: `agent:${agent.id}`,
      data: { url: agent.webhook.url, events: agent.webhook.events, deliveries: agent.webhook._count.deliveries },
    });
    return { removed: true };
  });
}
