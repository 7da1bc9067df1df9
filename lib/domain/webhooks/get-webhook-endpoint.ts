import type { Actor } from "@/lib/domain/auth/actor.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { requireReader } from "@/lib/domain/users/require-reader.ts";
import { isUuid } from "@/lib/kernel/validation/is-uuid.ts";

/**
 * An agent's webhook endpoint (never its secrets) with its latest deliveries and every attempt
 * of each: status, latency, error. For the admin console; auditors read it too.
 */
export async function getWebhookEndpoint(options: { actor: Actor; agentId: string; limit?: number }) {
  await requireReader(db(), options.actor);
  // Not a UUID (a hand-typed URL): no such agent, rather than a database error on the uuid column.
  if (!isUuid(options.agentId)) throw new AppError("not_found", "Agent not found");
  const agent = await db().agent.findUnique({ where: { id: options.agentId }, select: { id: true, name: true } });
  if (!agent) throw new AppError("not_found", "Agent not found");
  const endpoint = await db().webhookEndpoint.findUnique({
    where: { agentId: agent.id },
    select: {
      id: true,
      url: true,
      events: true,
      disabledAt: true,
      disabledReason: true,
      previousSecretExpiresAt: true,
      createdAt: true,
      updatedAt: true,
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: options.limit ?? 50,
        select: {
          id: true,
          eventType: true,
          requestId: true,
          state: true,
          attempts: true,
          nextAttemptAt: true,
          lastStatus: true,
          lastError: true,
          createdAt: true,
          deliveredAt: true,
          attemptLog: {
            orderBy: { attempt: "asc" },
            select: { attempt: true, startedAt: true, durationMs: true, status: true, error: true },
          },
        },
      },
    },
  });
  const rotating =
    endpoint?.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date() ? endpoint.previousSecretExpiresAt : null;
  return { agent, endpoint: endpoint ? { ...endpoint, previousSecretExpiresAt: rotating } : null };
}
