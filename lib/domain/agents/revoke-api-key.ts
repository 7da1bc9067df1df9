import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";

/** Revokes one API key at once (its next use gets 401). */
export async function revokeApiKey(options: { actor: Actor; agentId: string; prefix: string }): Promise<void> {
  await db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    const key = await tx.apiKey.findFirst({ where: { agentId: options.agentId, prefix: options.prefix } });
    if (!key) throw new AppError("not_found", "API key not found");
    if (key.revokedAt) return;
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    await recordAuditEvent(tx, {
      type: "api_key.revoked",
      actor: options.actor,
      subject: `agent:${options.agentId}`,
      data: { prefix: key.prefix },
    });
  });
}
