import { z } from "zod";
import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";
import { generateApiKey } from "./api-key.ts";
import { ZAgentName, ZTag } from "./schemas.ts";
import { ZScopePattern } from "./scope-allows.ts";

/** Creates an agent and its first API key; the key is returned once and never stored. */
export async function createAgent(options: {
  actor: Actor;
  name: string;
  scopes: string[];
  ownerEmail?: string;
  tags?: string[];
}): Promise<{ agentId: string; apiKey: string }> {
  const name = parseInput(ZAgentName, options.name, "name");
  const scopes = parseInput(z.array(ZScopePattern).min(1, "at least one scope"), options.scopes, "scopes");
  const tags = parseInput(z.array(ZTag), options.tags ?? [], "tags");
  const key = generateApiKey();
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    let ownerId: string | null = null;
    if (options.ownerEmail) {
      const owner = await tx.user.findUnique({ where: { email: options.ownerEmail.toLowerCase() } });
      if (!owner) throw new AppError("not_found", `No user with email ${options.ownerEmail}`);
      ownerId = owner.id;
    }
    if (await tx.agent.findUnique({ where: { name } })) throw new AppError("conflict", `An agent named ${name} already exists`);
    const agent = await tx.agent.create({
      data: { name, scopes, tags, ownerId, apiKeys: { create: { prefix: key.prefix, secretHash: key.secretHash } } },
    });
    await recordAuditEvent(tx, {
      type: "agent.created",
      actor: options.actor,
      subject: `agent:${agent.id}`,
      data: { name, scopes, tags, ownerId },
    });
    await recordAuditEvent(tx, {
      type: "api_key.created",
      actor: options.actor,
      subject: `agent:${agent.id}`,
      data: { prefix: key.prefix },
    });
    return { agentId: agent.id, apiKey: key.key };
  });
}
