import type { ApprovalRequest } from "./types.ts";

/**
 * What a guarded tool returns instead of running: plain data an LLM can read, with `message`
 * written for it (what happened, the reviewer's words quoted, what to do next).
 */
export type ActionRejection = {
  type: "countersign.not_executed";
  status: "rejected" | "expired" | "cancelled" | "timed_out";
  action: string;
  requestId: string;
  decidedBy: "policy" | "reviewers" | "timeout" | "agent" | null;
  reviewers: string[];
  reviewerComment: string | null;
  message: string;
};

export function isActionRejection(value: unknown): value is ActionRejection {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "countersign.not_executed";
}

/**
 * Builds the rejection for a request that ended without approval (or that we stopped waiting for:
 * `timedOut`). An approved request, or a pending one we did not give up on, is not a rejection:
 * telling a model it was refused would be false, so it throws a TypeError instead.
 */
export function toRejection(request: ApprovalRequest, timedOut = false): ActionRejection {
  if (request.status === "approved" || (request.status === "pending" && !timedOut)) {
    throw new TypeError(`toRejection: request ${request.id} is ${request.status}, not rejected, expired or cancelled`);
  }
  const d = request.decision;
  const reviewers = d?.reviewers.map((r) => r.name) ?? [];
  // Reviewer text is quoted as a JSON string: it reads as a quotation, not as instructions.
  const comment = d?.comment ? ` Their comment: ${JSON.stringify(d.comment)}.` : "";
  const base = `The action "${request.action}" was NOT executed (approval request ${request.id}).`;
  let status: ActionRejection["status"];
  let why: string;
  if (timedOut) {
    status = "timed_out";
    // Still pending: the withdrawal failed, so say so rather than that it was withdrawn.
    const withdrawn =
      request.status === "pending" ? " and it could not be withdrawn (it may still be decided)" : " and the request was withdrawn";
    why = ` No decision arrived in time${withdrawn}. You may tell the user it is awaiting approval, or try again later.`;
  } else if (request.status === "expired") {
    status = "expired";
    why = " No reviewer decided before the deadline. Tell the user, or submit it again if it is still needed.";
  } else if (request.status === "cancelled") {
    status = "cancelled";
    why = " The request was withdrawn before a decision.";
  } else if (d?.by === "policy") {
    status = "rejected";
    why = ` It was refused by policy.${comment} Do not retry it unchanged; explain the refusal to the user.`;
  } else {
    status = "rejected";
    const who = reviewers.length ? ` (${reviewers.join(", ")})` : "";
    why = ` A human reviewer${who} rejected it.${comment} Do not retry it unchanged: address the comment, or ask the user how to proceed.`;
  }
  return {
    type: "countersign.not_executed",
    status,
    action: request.action,
    requestId: request.id,
    decidedBy: d?.by ?? null,
    reviewers,
    reviewerComment: d?.comment ?? null,
    message: base + why,
  };
}
