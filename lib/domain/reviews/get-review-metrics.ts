import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { db } from "@/lib/platform/db.ts";
import { Prisma } from "@/lib/platform/prisma/client.ts";
import { loadReviewerFacts } from "@/lib/domain/users/load-reviewer-facts.ts";

export const METRIC_PERIODS = {
  "24h": { hours: 24, bucket: "hour" },
  "7d": { hours: 168, bucket: "day" },
  "30d": { hours: 720, bucket: "day" },
  "90d": { hours: 2160, bucket: "day" },
} as const;
export type MetricPeriod = keyof typeof METRIC_PERIODS;

export type Bucket = { at: Date; approved: number; rejected: number; expired: number; p50: number | null; p90: number | null };
export type ActionStats = {
  action: string;
  name: string;
  approved: number;
  rejected: number;
  expired: number;
  cancelled: number;
  pending: number;
};

type BucketRow = { at: Date; approved: bigint; rejected: bigint; expired: bigint; p50: number | null; p90: number | null };
type ActionRow = { action: string; approved: bigint; rejected: bigint; expired: bigint; cancelled: bigint };

/**
 * The metrics page: requests pending now, and over the chosen period — bucketed by hour (24 h)
 * or day — decisions by outcome, expiries, and the time reviewers took to decide (p50 / p90, from
 * submission to the reviewers' decision), plus outcomes per action type. Every query is bounded by
 * the period on the decidedAt index; the pending count reads the status index. Percentiles are
 * computed by PostgreSQL (percentile_cont), not estimated. `action` narrows everything to one
 * action type.
 */
export async function getReviewMetrics(options: { actor: UserActor; period: MetricPeriod; action?: string; now?: Date }) {
  await loadReviewerFacts(db(), options.actor.userId);
  const { hours, bucket } = METRIC_PERIODS[options.period];
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - hours * 3_600_000);
  const unit = Prisma.raw(`'${bucket}'`);
  const onlyAction = options.action ? Prisma.sql`AND action = ${options.action}` : Prisma.empty;
  const [buckets, overall, perAction, pending, actionTypes] = await Promise.all([
    db().$queryRaw<BucketRow[]>`
      SELECT date_trunc(${unit}, "decidedAt") AS at,
             count(*) FILTER (WHERE status = 'approved') AS approved,
             count(*) FILTER (WHERE status = 'rejected') AS rejected,
             count(*) FILTER (WHERE status = 'expired') AS expired,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "decidedAt" - "createdAt")) FILTER (WHERE "decisionBy" = 'reviewers') AS p50,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM "decidedAt" - "createdAt")) FILTER (WHERE "decisionBy" = 'reviewers') AS p90
      FROM approval_requests WHERE "decidedAt" >= ${since} AND "decidedAt" <= ${now} ${onlyAction}
      GROUP BY 1 ORDER BY 1`,
    db().$queryRaw<{ p50: number | null; p90: number | null; decided: bigint }[]>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "decidedAt" - "createdAt")) AS p50,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM "decidedAt" - "createdAt")) AS p90,
             count(*) AS decided
      FROM approval_requests WHERE "decidedAt" >= ${since} AND "decidedAt" <= ${now} AND "decisionBy" = 'reviewers' ${onlyAction}`,
    db().$queryRaw<ActionRow[]>`
      SELECT action,
             count(*) FILTER (WHERE status = 'approved') AS approved,
             count(*) FILTER (WHERE status = 'rejected') AS rejected,
             count(*) FILTER (WHERE status = 'expired') AS expired,
             count(*) FILTER (WHERE status = 'cancelled') AS cancelled
      FROM approval_requests WHERE "decidedAt" >= ${since} AND "decidedAt" <= ${now} ${onlyAction}
      GROUP BY action ORDER BY count(*) DESC LIMIT 50`,
    db().approvalRequest.groupBy({
      by: ["action"],
      where: { status: "pending", ...(options.action ? { action: options.action } : {}) },
      _count: { _all: true },
    }),
    db().actionType.findMany({ select: { key: true, name: true } }),
  ]);
  const names = new Map(actionTypes.map((t) => [t.key, t.name]));
  const pendingBy = new Map(pending.map((p) => [p.action, p._count._all]));
  const actions = new Map<string, ActionStats>();
  for (const r of perAction) {
    actions.set(r.action, {
      action: r.action,
      name: names.get(r.action) ?? r.action,
      approved: Number(r.approved),
      rejected: Number(r.rejected),
      expired: Number(r.expired),
      cancelled: Number(r.cancelled),
      pending: pendingBy.get(r.action) ?? 0,
    });
  }
  for (const [action, n] of pendingBy) {
    if (!actions.has(action))
      actions.set(action, { action, name: names.get(action) ?? action, approved: 0, rejected: 0, expired: 0, cancelled: 0, pending: n });
  }
  return {
    period: options.period,
    action: options.action ?? null,
    bucket,
    since,
    until: now,
    pendingNow: pending.reduce((n, p) => n + p._count._all, 0),
    reviewerDecisions: Number(overall[0]?.decided ?? 0),
    timeToDecision: { p50: overall[0]?.p50 ?? null, p90: overall[0]?.p90 ?? null },
    buckets: fillBuckets(buckets, since, now, bucket),
    actions: [...actions.values()],
  };
}

/** One entry per hour or day of the period, zeros where nothing was decided, so charts keep their time axis. */
function fillBuckets(rows: BucketRow[], since: Date, until: Date, bucket: "hour" | "day"): Bucket[] {
  const step = bucket === "hour" ? 3_600_000 : 86_400_000;
  const byTime = new Map(rows.map((r) => [r.at.getTime(), r]));
  const out: Bucket[] = [];
  for (let t = Math.floor(since.getTime() / step) * step; t <= until.getTime(); t += step) {
    const r = byTime.get(t);
    out.push({
      at: new Date(t),
      approved: Number(r?.approved ?? 0),
      rejected: Number(r?.rejected ?? 0),
      expired: Number(r?.expired ?? 0),
      p50: r?.p50 ?? null,
      p90: r?.p90 ?? null,
    });
  }
  return out;
}
