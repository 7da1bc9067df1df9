import { z } from "zod";
import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";
import { ZScopePattern } from "./scope-allows.ts";
import { ZTag } from "./schemas.ts";

/** Changes an agent's scopes, tags or owner (empty owner: none); audited with before and after. */
export async function updateAgent(options: {
  actor: Actor;
  agentId: string;
  scopes?: string[];
  tags?: string[];
  ownerEmail?: string | null;
}): Promise<void> {
  const scopes =
    options.scopes === undefined ? undefined : parseInput(z.array(ZScopePattern).min(1, "at least one scope"), options.scopes, "scopes");
  const tags = options.tags === undefined ? undefined : parseInput(z.array(ZTag), options.tags, "tags");
  await db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    const agent = await tx.agent.findUnique({ where: { id: options.agentId } });
    if (!agent) throw new AppError("not_found", "Agent not found");
    let ownerId = agent.ownerId;
    if (options.ownerEmail !== undefined) {
      ownerId = null;
      if (options.ownerEmail) {
        const owner = await tx.user.findUnique({ where: { email: options.ownerEmail.toLowerCase() } });
        if (!owner) throw new AppError("not_found", `No user with email ${options.ownerEmail}`);
        ownerId = owner.id;
      }
    }
    const after = { scopes: scopes ?? agent.scopes, tags: tags ?? agent.tags, ownerId };
    const before = { scopes: agent.scopes, tags: agent.tags, ownerId: agent.ownerId };
    if (JSON.stringify(after) === JSON.stringify(before)) return;
    await tx.agent.update({ where: { id: agent.id }, data: after });
    await recordAuditEvent(tx, { type: "agent.updated", actor: options.actor, subject: `agent:${agent.id}`, data: { before, after } });
  });
}
