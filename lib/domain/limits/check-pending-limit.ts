import { AppError } from "@/lib/kernel/errors.ts";
import { db, type Tx } from "@/lib/platform/db.ts";

/**
 * Within this many of the limit, the count is taken again under a per-agent lock inside the
 * submitting transaction, so concurrent submissions cannot push the agent past it. Further
 * away, no lock: an agent's submissions run in parallel.
 */
const LOCK_MARGIN = 64;

const tooMany = (max: number) =>
  new AppError(
    "rate_limited",
    `This agent already has ${max} pending requests, its maximum; wait for decisions`,
    { limit: "max_pending", maxPending: max },
    30,
  );

/** The agent's pending requests, counted up to `max` only: the cost stays bounded by the limit. */
async function countPending(tx: Tx, agentId: string, max: number): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM approval_requests WHERE "agentId" = ${agentId}::uuid AND status = 'pending' LIMIT ${max}) AS p`;
  return row?.n ?? 0;
}

/** Refuses (429) when the agent is at its maximum of pending requests; returns the count seen. */
export async function checkPendingLimit(agentId: string, maxPending: number): Promise<number> {
  const pending = await countPending(db(), agentId, maxPending);
  if (pending >= maxPending) throw tooMany(maxPending);
  return pending;
}

/** Inside the submit transaction: near the limit, serialise the agent's submissions and recount. */
export async function holdPendingLimit(tx: Tx, agentId: string, maxPending: number, seen: number): Promise<void> {
  if (seen < maxPending - LOCK_MARGIN) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`pending:${agentId}`}, 0))`;
  if ((await countPending(tx, agentId, maxPending)) >= maxPending) throw tooMany(maxPending);
}
