import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";
import { generateApiKey } from "./api-key.ts";

/**
 * Issues a new key; the agent's other live keys keep working for `graceSeconds` (default 0:
 * they stop at once), long enough to roll the new key out without downtime.
 */
export async function rotateAgentKey(options: { actor: Actor; agentId: string; graceSeconds?: number }): Promise<{ apiKey: string }> {
  const grace = options.graceSeconds ?? 0;
  if (!Number.isInteger(grace) || grace < 0 || grace > 30 * 24 * 3600) {
    throw new AppError("validation_error", "grace must be 0..2592000 seconds", [{ path: "/graceSeconds", message: "out of range" }]);
  }
  const key = generateApiKey();
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    const agent = await tx.agent.findUnique({ where: { id: options.agentId } });
    if (!agent) throw new AppError("not_found", "Agent not found");
    const now = new Date();
    const until = new Date(now.getTime() + grace * 1000);
    const retired = await tx.apiKey.updateMany({
      where: { agentId: agent.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: until } }] },
      data: { expiresAt: until },
    });
    await tx.apiKey.create({ data: { agentId: agent.id, prefix: key.prefix, secretHash: key.secretHash } });
    await recordAuditEvent(tx, {
      type: "api_key.rotated",
      actor: options.actor,
      subject: `agent:${agent.id}`,
      data: { prefix: key.prefix, graceSeconds: grace, previousKeysExpireAt: until.toISOString(), previousKeys: retired.count },
    });
    return { apiKey: key.key };
  });
}
