import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";
import { generateApiKey } from "./api-key.ts";

const MAX_LIFETIME_SECONDS = 5 * 365 * 24 * 3600;

/**
 * Issues one more key for an agent, leaving its other keys as they are (several replicas of an
 * agent, or a key per environment); optionally with an expiry. Returned once, stored hashed.
 */
export async function createAgentKey(options: {
  actor: Actor;
  agentId: string;
  expiresInSeconds?: number;
}): Promise<{ apiKey: string; prefix: string; expiresAt: string | null }> {
  const lifetime = options.expiresInSeconds;
  if (lifetime !== undefined && (!Number.isInteger(lifetime) || lifetime < 60 || lifetime > MAX_LIFETIME_SECONDS)) {
    throw new AppError("validation_error", `expiry must be 60..${MAX_LIFETIME_SECONDS} seconds`, [
      { path: "/expiresInSeconds", message: "out of range" },
    ]);
  }
  const key = generateApiKey();
  const expiresAt = lifetime === undefined ? null : new Date(Date.now() + lifetime * 1000);
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    if (!(await tx.agent.findUnique({ where: { id: options.agentId }, select: { id: true } })))
      throw new AppError("not_found", "Agent not found");
    await tx.apiKey.create({ data: { agentId: options.agentId, prefix: key.prefix, secretHash: key.secretHash, expiresAt } });
    await recordAuditEvent(tx, {
      type: "api_key.created",
      actor: options.actor,
      subject: `agent:${options.agentId}`,
      data: { prefix: key.prefix, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { apiKey: key.key, prefix: key.prefix, expiresAt: expiresAt?.toISOString() ?? null };
  });
}
