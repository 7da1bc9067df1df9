import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";
import { generateWebhookSecret, sealSecret } from "./webhook-secret.ts";

const MAX_GRACE_SECONDS = 30 * 24 * 3600;

/**
 * Issues a new signing secret (returned once). The current one keeps signing next to it for
 * `graceSeconds` (default 24 h), so the receiver can switch without missing a delivery.
 */
export async function rotateWebhookSecret(options: {
  actor: Actor;
  agentId: string;
  graceSeconds?: number;
}): Promise<{ secret: string; previousSecretExpiresAt: string }> {
  const grace = options.graceSeconds ?? 24 * 3600;
  if (!Number.isInteger(grace) || grace < 0 || grace > MAX_GRACE_SECONDS) {
    throw new AppError("validation_error", `grace must be 0..${MAX_GRACE_SECONDS} seconds`, [
      { path: "/graceSeconds", message: "out of range" },
    ]);
  }
  const secret = generateWebhookSecret();
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { agentId: options.agentId } });
    if (!endpoint) throw new AppError("not_found", "This agent has no webhook endpoint");
    const until = new Date(Date.now() + grace * 1000);
    await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { secret: sealSecret(endpoint.agentId, secret), previousSecret: endpoint.secret, previousSecretExpiresAt: until },
    });
    await recordAuditEvent(tx, {
      type: "webhook.secret_rotated",
      actor: options.actor,
      subject: `agent:${options.agentId}`,
      data: { graceSeconds: grace, previousSecretExpiresAt: until.toISOString() },
    });
    return { secret, previousSecretExpiresAt: until.toISOString() };
  });
}
