import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { enqueueOutboxEvent } from "@/lib/domain/outbox/enqueue-outbox-event.ts";
import { db } from "@/lib/platform/db.ts";
import { logger } from "@/lib/platform/logger.ts";
import { AGENT_LIMIT_SELECT, effectiveLimits } from "./agent-limits.ts";

const BREAKER = { kind: "system", name: "circuit-breaker" } as const;

/**
 * The circuit breaker: when an agent collected `breakerThreshold` strikes (rejections, failed
 * executions, limit hits) within its window — counting only those since an admin last resumed
 * it — pause it. The pause, its audit event and the outbox event that notifies admins commit
 * together; only an admin resumes the agent. Returns whether this call paused it.
 */
export async function tripBreakerIfNeeded(agentId: string, now = new Date()): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const [agent] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM agents WHERE id = ${agentId}::uuid FOR UPDATE`;
    if (agent?.status !== "active") return false;
    const settings = await tx.agent.findUniqueOrThrow({ where: { id: agentId }, select: { ...AGENT_LIMIT_SELECT, breakerResetAt: true } });
    const { breakerThreshold, breakerWindowSeconds } = effectiveLimits(settings);
    if (breakerThreshold === 0) return false;
    const windowStart = new Date(now.getTime() - breakerWindowSeconds * 1000);
    const since = settings.breakerResetAt && settings.breakerResetAt > windowStart ? settings.breakerResetAt : windowStart;
    const strikes = await tx.agentStrike.groupBy({ by: ["kind"], where: { agentId, at: { gt: since } }, _count: { _all: true } });
    const total = strikes.reduce((n, s) => n + s._count._all, 0);
    if (total < breakerThreshold) return false;
    await tx.agent.update({ where: { id: agentId }, data: { status: "paused" } });
    const byKind = Object.fromEntries(strikes.map((s) => [s.kind, s._count._all]));
    await recordAuditEvent(tx, {
      type: "agent.paused",
      actor: BREAKER,
      subject: `agent:${agentId}`,
      data: {
        from: "active",
        to: "paused",
        reason: "circuit breaker",
        strikes: total,
        byKind,
        threshold: breakerThreshold,
        windowSeconds: breakerWindowSeconds,
      },
    });
    await enqueueOutboxEvent(tx, { type: "agent.breaker_tripped", aggregateId: agentId, data: { agentId, strikes: total } });
    logger.warn({ agentId, strikes: total, threshold: breakerThreshold }, "circuit breaker paused an agent");
    return true;
  });
}

/** After a strike was committed: trip the breaker if needed; never fails the caller. */
export async function afterStrike(agentId: string): Promise<void> {
  await tripBreakerIfNeeded(agentId).catch((err) => logger.error({ err, agentId }, "circuit breaker check failed"));
}
