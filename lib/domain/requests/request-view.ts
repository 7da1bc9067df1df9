import type { z } from "zod";
import { payloadHash } from "@/lib/kernel/json/canonical-json.ts";
import type { Prisma } from "@/lib/platform/db.ts";
import { storedJson } from "@/lib/platform/stored-json.ts";
import type { ZRequestList, ZRequestView } from "./schemas.ts";
import { openRequestContent } from "./sealed-request.ts";

/** What a request row must include to be shown to its agent. */
export const REQUEST_VIEW_INCLUDE = {
  reviews: {
    select: { outcome: true, payloadHash: true, counted: true, createdAt: true, reviewer: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.ApprovalRequestInclude;

export type RequestRow = Prisma.ApprovalRequestGetPayload<{ include: typeof REQUEST_VIEW_INCLUDE }>;

/** The request as the agent API answers it: derived from the schema the OpenAPI document publishes. */
export type RequestView = z.output<typeof ZRequestView>;
/** A page of requests (GET /api/v1/requests). */
export type RequestList = z.output<typeof ZRequestList>;

/** The reviewers whose verdict made the decision: approvals of the payload finally approved. */
function deciders(row: RequestRow, reviewOutcome: "approve" | "reject"): { name: string }[] {
  const approvedHash = reviewOutcome === "approve" ? payloadHash(row.approvedPayload ?? null) : null;
  return row.reviews
    .filter((r) => r.outcome === reviewOutcome && r.counted && (approvedHash === null || r.payloadHash === approvedHash))
    .map((r) => ({ name: r.reviewer.name }));
}

/** The request as the agent API represents it (PRODUCT.md "The request representation"). */
export function toRequestView(stored: RequestRow): RequestView {
  const row = openRequestContent(stored);
  const outcome = row.status === "approved" ? "approved" : "rejected";
  const reviewOutcome = outcome === "approved" ? "approve" : "reject";
  return {
    id: row.id,
    action: row.action,
    status: row.status,
    payload: storedJson(row.payload ?? null),
    approvedPayload: row.status === "approved" ? storedJson(row.approvedPayload ?? null) : null,
    payloadHash: row.payloadHash,
    summary: row.summary,
    requiredApprovals: row.requiredApprovals,
    approvals: row.approvals,
    decision:
      row.status === "pending" || !row.decisionBy || !row.decidedAt
        ? null
        : {
            outcome,
            by: row.decisionBy,
            comment: row.decisionComment,
            reviewers: row.decisionBy === "reviewers" ? deciders(row, reviewOutcome) : [],
            decidedAt: row.decidedAt.toISOString(),
          },
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    execution:
      row.executionStatus && row.executedAt
        ? {
            status: row.executionStatus,
            output: storedJson(row.executionOutput ?? null),
            error: row.executionError,
            reportedAt: row.executedAt.toISOString(),
          }
        : null,
    receipt: row.status === "approved" ? row.receipt : null,
  };
}
