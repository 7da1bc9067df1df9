import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { cursorDate, decodeCursor, encodeCursor } from "@/lib/kernel/pagination/keyset-cursor.ts";
import { db, type Prisma } from "@/lib/platform/db.ts";
import { loadReviewerFacts } from "@/lib/domain/users/load-reviewer-facts.ts";
import { HISTORY_PERIODS, type THistoryQuery } from "./history-query.ts";
import { isUuid } from "@/lib/kernel/validation/is-uuid.ts";

const PAGE = 50;
const HASH = /^sha256:[0-9a-f]{64}$/;

export type HistoryItem = {
  id: string;
  action: string;
  actionName: string;
  agentName: string;
  status: string;
  by: string | null;
  summary: string | null;
  decidedAt: Date;
  createdAt: Date;
  reviewers: string[];
};

/**
 * What the search box means: a request id or a payload hash finds that request whatever the
 * period (both indexed); any other text is matched in the agent's summaries within the period.
 */
function searchFilter(q: string): Prisma.ApprovalRequestWhereInput {
  if (isUuid(q)) return { id: q.toLowerCase() };
  if (HASH.test(q)) return { payloadHash: q };
  return { summary: { contains: q, mode: "insensitive" } };
}

/**
 * Decided requests, newest decision first, one keyset page at a time: filters by outcome, who
 * decided, action type, agent and period, and a search. Any signed-in user may read them (as they
 * may open any request). Ordered on the (decidedAt, id) index, so a page costs the same at any depth.
 */
export async function listHistory(options: { actor: UserActor; query: THistoryQuery; now?: Date; limit?: number }) {
  await loadReviewerFacts(db(), options.actor.userId);
  const { query } = options;
  const now = options.now ?? new Date();
  const limit = Math.min(options.limit ?? PAGE, 200);
  const exact = query.q !== undefined && (isUuid(query.q) || HASH.test(query.q));
  const since = new Date(now.getTime() - HISTORY_PERIODS[query.period] * 86_400_000);
  const where: Prisma.ApprovalRequestWhereInput[] = [exact ? { decidedAt: { not: null } } : { decidedAt: { gte: since } }];
  if (query.status) where.push({ status: query.status });
  if (query.by) where.push({ decisionBy: query.by });
  if (query.action) where.push({ action: query.action });
  if (query.agent) where.push({ agentId: query.agent });
  if (query.q) where.push(searchFilter(query.q));
  const [at, id] = decodeCursor(query.cursor) ?? [];
  const date = cursorDate(at);
  if (date && typeof id === "string") where.push({ OR: [{ decidedAt: { lt: date } }, { decidedAt: date, id: { lt: id } }] });

  const rows = await db().approvalRequest.findMany({
    where: { AND: where },
    orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      action: true,
      status: true,
      decisionBy: true,
      summary: true,
      decidedAt: true,
      createdAt: true,
      actionType: { select: { name: true } },
      agent: { select: { name: true } },
      reviews: { orderBy: { createdAt: "asc" }, select: { reviewer: { select: { name: true } } } },
    },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map<HistoryItem>((r) => ({
      id: r.id,
      action: r.action,
      actionName: r.actionType.name,
      agentName: r.agent.name,
      status: r.status,
      by: r.decisionBy,
      summary: r.summary,
      decidedAt: r.decidedAt!,
      createdAt: r.createdAt,
      reviewers: r.reviews.map((v) => v.reviewer.name),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor([last.decidedAt!.toISOString(), last.id]) : null,
    paged: date !== null,
  };
}
