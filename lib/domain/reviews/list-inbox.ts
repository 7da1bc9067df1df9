import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { cursorDate, decodeCursor, encodeCursor } from "@/lib/kernel/pagination/keyset-cursor.ts";
import { db, type Prisma } from "@/lib/platform/db.ts";
import type { RiskLevel } from "@/lib/platform/prisma/enums.ts";
import { loadReviewerFacts } from "@/lib/domain/users/load-reviewer-facts.ts";
import { INBOX_AGES, type TInboxQuery } from "./inbox-query.ts";
import { reviewableBy, type ReviewerFacts } from "./review-eligibility.ts";

export type InboxItem = {
  id: string;
  action: string;
  actionName: string;
  riskLevel: RiskLevel;
  riskScore: number;
  riskFlags: string[];
  agentId: string;
  agentName: string;
  summary: string | null;
  approvals: number;
  requiredApprovals: number;
  createdAt: Date;
  expiresAt: Date;
};

/** Reviewers see what they may decide; admins and auditors, who never decide, see every pending request. */
export function inboxFilter(user: ReviewerFacts): Prisma.ApprovalRequestWhereInput {
  return user.role === "reviewer" ? reviewableBy(user) : { status: "pending" };
}

const LEVELS_AT_LEAST: Record<string, RiskLevel[]> = {
  medium: ["medium", "high", "critical"],
  high: ["high", "critical"],
  critical: ["critical"],
};

/** The filters of an inbox query (everything but the page position). */
async function inboxQueryFilter(query: Omit<TInboxQuery, "sort" | "cursor">, now: Date): Promise<Prisma.ApprovalRequestWhereInput[]> {
  const where: Prisma.ApprovalRequestWhereInput[] = [];
  if (query.action) where.push({ action: query.action });
  if (query.agent) where.push({ agentId: query.agent });
  if (query.risk === "flagged") where.push({ riskScore: { gt: 0 } });
  else if (query.risk) {
    // The few action types at that level, as ids: a filter on the requests' own column keeps the
    // sorted index scan (a join to action_types made the planner read every pending request).
    const types = await db().actionType.findMany({ where: { riskLevel: { in: LEVELS_AT_LEAST[query.risk] } }, select: { id: true } });
    where.push({ actionTypeId: { in: types.map((t) => t.id) } });
  }
  if (query.age) where.push({ createdAt: { lte: new Date(now.getTime() - INBOX_AGES[query.age] * 1000) } });
  return where;
}

type SortSpec = {
  orderBy: Prisma.ApprovalRequestOrderByWithRelationInput[];
  cursorOf: (r: { id: string; expiresAt: Date; createdAt: Date; riskScore: number }) => (string | number)[];
  after: (values: (string | number)[]) => Prisma.ApprovalRequestWhereInput | null;
};

// Keyset pagination: each sort ends with the id, so the order is total and "after the last row
// shown" is one indexed range condition, however deep the reviewer pages.
const SORTS: Record<TInboxQuery["sort"], SortSpec> = {
  deadline: {
    orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
    cursorOf: (r) => [r.expiresAt.toISOString(), r.id],
    after: ([at, id]) => {
      const date = cursorDate(at);
      return date && typeof id === "string" ? { OR: [{ expiresAt: { gt: date } }, { expiresAt: date, id: { gt: id } }] } : null;
    },
  },
  age: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    cursorOf: (r) => [r.createdAt.toISOString(), r.id],
    after: ([at, id]) => {
      const date = cursorDate(at);
      return date && typeof id === "string" ? { OR: [{ createdAt: { gt: date } }, { createdAt: date, id: { gt: id } }] } : null;
    },
  },
  risk: {
    orderBy: [{ riskScore: "desc" }, { expiresAt: "asc" }, { id: "asc" }],
    cursorOf: (r) => [r.riskScore, r.expiresAt.toISOString(), r.id],
    after: ([score, at, id]) => {
      const date = cursorDate(at);
      if (typeof score !== "number" || !date || typeof id !== "string") return null;
      return {
        OR: [
          { riskScore: { lt: score } },
          { riskScore: score, expiresAt: { gt: date } },
          { riskScore: score, expiresAt: date, id: { gt: id } },
        ],
      };
    },
  },
};

export type Inbox = {
  mode: "decide" | "read_only";
  items: InboxItem[];
  /** Matching requests, counted up to COUNT_CAP (`capped` past it): an exact count of 100,000 rows on every page load is not worth its cost. */
  total: number;
  capped: boolean;
  nextCursor: string | null;
  /** True when this page is not the first. */
  paged: boolean;
};

export const COUNT_CAP = 1000;

/**
 * How many pending requests match, counted up to COUNT_CAP + 1 along the (status, expiresAt)
 * index. (Prisma's capped count orders by id, which made PostgreSQL walk the primary key through
 * the whole history, decided requests included, to find the pending ones.)
 */
export async function countCapped(where: Prisma.ApprovalRequestWhereInput): Promise<number> {
  const rows = await db().approvalRequest.findMany({ where, select: { id: true }, orderBy: { expiresAt: "asc" }, take: COUNT_CAP + 1 });
  return rows.length;
}
const PAGE = 50;

/**
 * Pending requests, filtered and sorted as asked, one keyset page at a time. Reviewers see those
 * they may decide; admins and auditors, who never decide, see every pending request read-only.
 */
export async function listInbox(options: { actor: UserActor; query?: TInboxQuery; limit?: number; now?: Date }): Promise<Inbox> {
  const user = await loadReviewerFacts(db(), options.actor.userId);
  const query = options.query ?? { sort: "deadline" };
  const now = options.now ?? new Date();
  const limit = Math.min(options.limit ?? PAGE, 200);
  const sort = SORTS[query.sort];
  const filter: Prisma.ApprovalRequestWhereInput = { AND: [inboxFilter(user), ...(await inboxQueryFilter(query, now))] };
  const cursor = decodeCursor(query.cursor);
  const after = cursor ? sort.after(cursor) : null;
  const [rows, total] = await Promise.all([
    db().approvalRequest.findMany({
      where: after ? { AND: [filter, after] } : filter,
      orderBy: sort.orderBy,
      take: limit + 1,
      select: {
        id: true,
        action: true,
        summary: true,
        approvals: true,
        requiredApprovals: true,
        createdAt: true,
        expiresAt: true,
        riskScore: true,
        riskFlags: true,
        agentId: true,
        actionType: { select: { name: true, riskLevel: true } },
        agent: { select: { name: true } },
      },
    }),
    countCapped(filter),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    mode: user.role === "reviewer" ? "decide" : "read_only",
    items: page.map((r) => ({
      id: r.id,
      action: r.action,
      actionName: r.actionType.name,
      riskLevel: r.actionType.riskLevel,
      riskScore: r.riskScore,
      riskFlags: r.riskFlags,
      agentId: r.agentId,
      agentName: r.agent.name,
      summary: r.summary,
      approvals: r.approvals,
      requiredApprovals: r.requiredApprovals,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
    })),
    total: Math.min(total, COUNT_CAP),
    capped: total > COUNT_CAP,
    nextCursor: rows.length > limit && last ? encodeCursor(sort.cursorOf(last)) : null,
    paged: after !== null,
  };
}
