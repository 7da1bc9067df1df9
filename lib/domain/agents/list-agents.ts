import type { Actor } from "@/lib/domain/auth/actor.ts";
import { db } from "@/lib/platform/db.ts";
import { requireReader } from "@/lib/domain/users/require-reader.ts";

/** Agents with their keys (never the secrets), webhook state and how many requests wait on them. */
export async function listAgents(options: { actor: Actor }) {
  await requireReader(db(), options.actor);
  const agents = await db().agent.findMany({
    orderBy: { name: "asc" },
    include: {
      owner: { select: { email: true } },
      webhook: { select: { disabledAt: true } },
      apiKeys: {
        orderBy: { createdAt: "desc" },
        select: { id: true, prefix: true, createdAt: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
      },
      _count: { select: { requests: { where: { status: "pending" } } } },
    },
  });
  const now = new Date();
  return agents.map((a) => ({
    id: a.id,
    name: a.name,
    status: a.status,
    scopes: a.scopes,
    tags: a.tags,
    owner: a.owner?.email ?? null,
    pending: a._count.requests,
    webhook: a.webhook ? (a.webhook.disabledAt ? "disabled" : "enabled") : null,
    keys: a.apiKeys.map((k) => ({ ...k, active: !k.revokedAt && (!k.expiresAt || k.expiresAt > now) })),
  }));
}
