import type { AgentActor } from "@/lib/domain/auth/actor.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { freshCache } from "@/lib/platform/cache/fresh-cache.ts";
import { db } from "@/lib/platform/db.ts";
import type { AgentStatus } from "@/lib/platform/prisma/enums.ts";
import { AGENT_LIMIT_SELECT, type AgentLimitSettings } from "@/lib/domain/limits/agent-limits.ts";
import { parseApiKey, secretMatches } from "./api-key.ts";

const INVALID = "Missing or invalid API key";
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Identifies the calling agent from `Authorization: Bearer <key>`. Every failure gets the same
 * answer, so a caller learns nothing about which prefixes exist. Returns the agent's current
 * status, limit settings and the facts policies read (tags, owner), all in the key's one query; what
 * a paused agent may still do is for each service to decide.
 */
export type AuthenticatedAgent = AgentActor & {
  status: AgentStatus;
  limits: AgentLimitSettings;
  tags: string[];
  ownerEmail: string | null;
};

/** The key row with its agent, as loaded once per key and second (cached across calls). */
function loadKey(prefix: string) {
  return db().apiKey.findUnique({
    where: { prefix },
    include: {
      agent: {
        select: {
          id: true,
          name: true,
          ownerId: true,
          scopes: true,
          status: true,
          tags: true,
          owner: { select: { email: true } },
          ...AGENT_LIMIT_SELECT,
        },
      },
    },
  });
}

// Any change to keys, agents or their owners reaches every instance at commit (fresh-cache.ts);
// revocation, pause, kill and limit changes take effect within a second even without it.
const keys = freshCache({ tables: ["api_keys", "agents", "users"], load: loadKey });

export async function authenticateAgent(authorization: string | null): Promise<AuthenticatedAgent> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  const parsed = match ? parseApiKey(match[1]!) : null;
  if (!parsed) throw new AppError("unauthorized", INVALID);
  const key = await keys.get(parsed.prefix);
  const now = new Date();
  if (!key || !secretMatches(parsed.secret, key.secretHash) || key.revokedAt || (key.expiresAt && key.expiresAt <= now)) {
    throw new AppError("unauthorized", INVALID);
  }
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    // Marked on the cached row first, so concurrent calls do not all write it.
    key.lastUsedAt = now;
    await db().apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  const { agent } = key;
  const limits = {
    submitsPerMinute: agent.submitsPerMinute,
    maxPending: agent.maxPending,
    maxPayloadBytes: agent.maxPayloadBytes,
    breakerThreshold: agent.breakerThreshold,
    breakerWindowSeconds: agent.breakerWindowSeconds,
  };
  return {
    kind: "agent",
    agentId: agent.id,
    agentName: agent.name,
    ownerId: agent.ownerId,
    scopes: agent.scopes,
    apiKeyId: key.id,
    status: agent.status,
    limits,
    tags: agent.tags,
    ownerEmail: agent.owner?.email ?? null,
  };
}
