import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { getAtPointer } from "@/lib/kernel/json/json-pointer.ts";
import { windowStart } from "@/lib/domain/limits/check-budget.ts";
import { openApprovedValueAt, openEditedPayload, openRequestContent } from "@/lib/domain/requests/sealed-request.ts";
import { db } from "@/lib/platform/db.ts";
import { Prisma } from "@/lib/platform/prisma/client.ts";
import { loadReviewerFacts } from "@/lib/domain/users/load-reviewer-facts.ts";
import { currentProposal } from "./current-proposal.ts";

/** How many of the agent's latest approved requests of the same type a recipient is looked up in. */
export const RECIPIENT_LOOKBACK = 1000;
const MAX_RECIPIENTS = 20;

export type RecipientFinding = { field: string; recipients: { value: string; seenBefore: boolean }[]; lookback: number };
export type BudgetFinding = {
  amount: string;
  spent: string;
  limit: string;
  windowSeconds: number | null;
  since: Date;
  onExceed: "review" | "reject";
  exceeded: boolean;
};
/** What the request page's risk banner adds to the stored risk flags: context the platform looks up. */
export type RiskContext = { recipient: RecipientFinding | null; budget: BudgetFinding | null };

/**
 * Context for the request page's risk banner, computed by the platform, never taken from the
 * agent: whether each recipient of the payload being approved appears in the agent's last
 * RECIPIENT_LOOKBACK approved requests of this type (when the action type names a recipient
 * field; a bounded look-back, and the page says so), and the agent's spend against its budget
 * for this action type (when it has one), without this request.
 */
export async function assessRequestRisk(options: { actor: UserActor; requestId: string }): Promise<RiskContext> {
  await loadReviewerFacts(db(), options.actor.userId);
  const stored = await db().approvalRequest.findUnique({
    where: { id: options.requestId },
    select: {
      id: true,
      agentId: true,
      actionTypeId: true,
      status: true,
      payloadHash: true,
      createdAt: true,
      spendAmount: true,
      approvingGroups: true,
      sealedFields: true,
      payload: true,
      approvedPayload: true,
      reasoning: true,
      context: true,
      executionOutput: true,
      executionError: true,
      actionType: { select: { recipientField: true } },
      rule: { select: { distinctGroups: true } },
      reviews: {
        orderBy: { createdAt: "asc" },
        select: { reviewerId: true, outcome: true, payloadHash: true, editedPayload: true, groupName: true },
      },
    },
  });
  if (!stored) throw new AppError("not_found", "Request not found");
  const r = { ...openRequestContent(stored), reviews: stored.reviews.map((v) => openEditedPayload(stored, v)) };
  const [recipient, budget] = await Promise.all([recipientFinding(r), budgetFinding(r)]);
  return { recipient, budget };
}

type OpenRequest = {
  id: string;
  agentId: string;
  actionTypeId: string;
  payload: unknown;
  payloadHash: string;
  approvingGroups: string[];
  actionType: { recipientField: string | null };
  rule: { distinctGroups: boolean } | null;
  reviews: { outcome: "approve" | "reject"; payloadHash: string; editedPayload: unknown; groupName: string | null }[];
};

async function recipientFinding(r: OpenRequest): Promise<RecipientFinding | null> {
  const field = r.actionType.recipientField;
  if (!field || r.payload === null) return null;
  const proposal = currentProposal(r, { distinctGroups: (r.rule?.distinctGroups ?? false) && r.approvingGroups.length > 0 });
  const at = getAtPointer(proposal.payload, field);
  const raw = at.found ? at.value : undefined;
  const values = [...new Set((Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === "string" && v.length > 0))].slice(
    0,
    MAX_RECIPIENTS,
  );
  if (values.length === 0) return null;
  // The field's value in each recent approval, opened where it is sensitive (sealed values are
  // bound to their row, so they cannot be compared in SQL).
  const path = field
    .split("/")
    .slice(1)
    .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
  const recent = await db().$queryRaw<{ id: string; recipient: unknown }[]>`
    SELECT id, "approvedPayload" #> ${path}::text[] AS recipient FROM approval_requests
    WHERE "agentId" = ${r.agentId}::uuid AND "actionTypeId" = ${r.actionTypeId}::uuid AND status = 'approved' AND id <> ${r.id}::uuid
    ORDER BY "decidedAt" DESC LIMIT ${RECIPIENT_LOOKBACK}`;
  const seen = new Set<string>();
  for (const row of recent) {
    const value = openApprovedValueAt(row.id, field, row.recipient);
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === "string") seen.add(v);
  }
  return { field, recipients: values.map((value) => ({ value, seenBefore: seen.has(value) })), lookback: RECIPIENT_LOOKBACK };
}

async function budgetFinding(r: {
  id: string;
  agentId: string;
  actionTypeId: string;
  status: string;
  createdAt: Date;
  spendAmount: unknown;
}): Promise<BudgetFinding | null> {
  if (r.spendAmount === null || r.spendAmount === undefined) return null;
  const rule = await db().agentBudget.findUnique({ where: { agentId_actionTypeId: { agentId: r.agentId, actionTypeId: r.actionTypeId } } });
  if (!rule) return null;
  // The window the submission was checked against while pending; the current one once decided.
  const since = windowStart(r.status === "pending" ? r.createdAt : new Date(), rule.windowSeconds);
  const [row] = await db().$queryRaw<{ spent: string }[]>`
    SELECT COALESCE(SUM("spendAmount"), 0)::text AS spent FROM approval_requests
    WHERE "agentId" = ${r.agentId}::uuid AND "actionTypeId" = ${r.actionTypeId}::uuid AND "createdAt" >= ${since}
      AND status IN ('pending', 'approved') AND id <> ${r.id}::uuid`;
  const amount = new Prisma.Decimal(String(r.spendAmount));
  const spent = new Prisma.Decimal(row?.spent ?? "0");
  // Exact decimals, as the budget check at submission compares them.
  const exceeded = spent.plus(amount).greaterThan(rule.limit);
  return {
    amount: amount.toString(),
    spent: spent.toString(),
    limit: rule.limit.toString(),
    windowSeconds: rule.windowSeconds,
    since,
    onExceed: rule.onExceed,
    exceeded,
  };
}
