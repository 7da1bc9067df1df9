import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { payloadHash } from "@/lib/kernel/json/canonical-json.ts";
import { closeRequest, lockRequest } from "@/lib/domain/requests/close-request.ts";
import { signalRequestClosed } from "@/lib/domain/requests/decision-signal.ts";
import { recordStrike } from "@/lib/domain/limits/record-strike.ts";
import { afterStrike } from "@/lib/domain/limits/trip-breaker.ts";
import { publishRequestChange } from "@/lib/domain/requests/request-change-feed.ts";
import { REQUEST_VIEW_INCLUDE, toRequestView, type RequestView } from "@/lib/domain/requests/request-view.ts";
import { openEditedPayload, openRequestContent, sealEditedPayload } from "@/lib/domain/requests/sealed-request.ts";
import { db, type Prisma } from "@/lib/platform/db.ts";
import { loadReviewerFacts } from "@/lib/domain/users/load-reviewer-facts.ts";
import { currentProposal, distinctGroupsOf } from "./current-proposal.ts";
import { eligibleUnderEdit, reevaluateEdit } from "./reevaluate-edit.ts";
import { recordReevaluation } from "./record-reevaluation.ts";
import { reviewIneligibility } from "./review-eligibility.ts";
import type { TDecisionBody } from "./schemas.ts";

/** What deciding (and previewing an edit) reads of a request. */
export const DECIDING_INCLUDE = {
  agent: { select: { id: true, name: true, tags: true, ownerId: true, owner: { select: { email: true } } } },
  actionType: { select: { allowEdit: true } },
  rule: { select: { id: true, name: true, rejectNeedsComment: true, distinctGroups: true, allowEdit: true } },
  reviews: {
    select: { reviewerId: true, outcome: true, payloadHash: true, editedPayload: true, groupName: true, counted: true },
    orderBy: { createdAt: "asc" },
  },
} as const;

export const REFUSALS = {
  disabled: "Your account is disabled",
  role: "Only reviewers decide requests",
  group: "You are not in a group that may approve this request",
  owner: "The owner of this agent may not approve its requests",
} as const;

/**
 * One reviewer's verdict. The request row is locked for the whole transaction, so however many
 * reviewers press at once, each sees the state the previous one left, and exactly one of them
 * moves the request to a terminal state. Role and groups are re-read here, not taken from the
 * session.
 */
export async function decideRequest(options: { actor: UserActor; requestId: string; decision: TDecisionBody }): Promise<RequestView> {
  const { actor, requestId, decision } = options;
  const { view, agentId } = await db().$transaction(async (tx) => {
    const reviewer = await loadReviewerFacts(tx, actor.userId);
    if (!(await lockRequest(tx, requestId))) throw new AppError("not_found", "Request not found");
    const stored = await tx.approvalRequest.findUniqueOrThrow({ where: { id: requestId }, include: DECIDING_INCLUDE });
    const request = { ...openRequestContent(stored), reviews: stored.reviews.map((r) => openEditedPayload(stored, r)) };
    const why = reviewIneligibility(reviewer, { ...request, agentOwnerId: request.agent.ownerId });
    if (why === "not_pending") throw new AppError("conflict", `Request is already ${request.status}`);
    if (why) throw new AppError("forbidden", REFUSALS[why]);
    if (request.reviews.some((r) => r.reviewerId === reviewer.id)) throw new AppError("conflict", "You already reviewed this request");

    const distinctGroups = distinctGroupsOf(request) !== null;
    const proposal = currentProposal(request, { distinctGroups });
    if (decision.payloadHash !== proposal.hash) {
      throw new AppError("stale", "The request changed since you loaded it; reload and review again", { payloadHash: proposal.hash });
    }
    const comment = decision.comment ? decision.comment : null;
    if (decision.outcome === "reject" && !comment && (request.rule?.rejectNeedsComment ?? true)) {
      throw new AppError("validation_error", "A rejection needs a comment", [{ path: "/comment", message: "required to reject" }]);
    }
    if (decision.payload !== undefined && decision.outcome !== "approve") {
      throw new AppError("validation_error", "Only an approval may carry an edited payload", [
        { path: "/payload", message: "not allowed with reject" },
      ]);
    }
    // A payload with the proposal's RFC 8785 hash (same values, e.g. keys in another order) is
    // no edit: it is a plain approval of the proposal, and the approvals already given still count.
    const sentHash = decision.payload === undefined ? null : payloadHash(decision.payload);
    const edited = sentHash !== null && sentHash !== proposal.hash ? decision.payload : undefined;
    const approvedHash = edited === undefined ? proposal.hash : sentHash!;
    // An edit is a new proposal: it goes through everything a submission does, and the request
    // then needs what both the submitted rule and the edit's rule need (or the edit is refused).
    let requirement = { requiredApprovals: request.requiredApprovals, countingGroups: distinctGroupsOf(request) };
    let editorCounts = true;
    if (edited !== undefined) {
      if (!(request.rule?.allowEdit ?? request.actionType.allowEdit))
        throw new AppError("forbidden", "Reviewers may not edit the payload of this request");
      const reevaluation = await reevaluateEdit(tx, { request, payload: edited, payloadHash: approvedHash, now: new Date() });
      editorCounts = eligibleUnderEdit(reviewer, reevaluation.edit, request.agent.ownerId);
      // Approvals of earlier proposals stay on record but never count again (not even if a later
      // edit returns to the payload they approved), nor name their reviewers as deciders.
      await tx.review.updateMany({ where: { requestId, counted: true }, data: { counted: false } });
      await recordReevaluation(tx, { actor, request, reevaluation, editorCounts });
      const c = reevaluation.combined;
      requirement = {
        requiredApprovals: c.requiredApprovals,
        countingGroups: distinctGroupsOf({ ...c, editDistinctGroups: reevaluation.edit.distinctGroups, rule: request.rule }),
      };
    }
    const approvedPayload = edited ?? proposal.payload;
    // With distinct groups, an approval counts for one of the reviewer's counting groups that
    // has not approved yet; a second approval from an already-counted group is recorded but
    // does not count.
    const counted = edited === undefined ? proposal.countedGroups : [];
    const groupName = editorCounts
      ? ((requirement.countingGroups ?? request.approvingGroups).find((g) => reviewer.groups.includes(g) && !counted.includes(g)) ?? null)
      : null;

    await tx.review.create({
      data: {
        requestId,
        reviewerId: reviewer.id,
        outcome: decision.outcome,
        comment,
        editedPayload: edited === undefined ? undefined : sealEditedPayload(request, reviewer.id, edited),
        payloadHash: approvedHash,
        groupName: decision.outcome === "approve" ? groupName : null,
        counted: editorCounts,
      },
    });
    await recordAuditEvent(tx, {
      type: "review.recorded",
      actor,
      subject: `request:${requestId}`,
      data: {
        outcome: decision.outcome,
        comment,
        edited: edited !== undefined,
        payloadHash: approvedHash,
        group: groupName,
        ...(editorCounts ? {} : { counted: false }),
      },
    });

    if (decision.outcome === "reject") {
      await closeRequest(tx, { actor, request, status: "rejected", by: "reviewers", comment });
      await recordStrike(tx, { agentId: request.agentId, kind: "rejection", detail: requestId });
    } else {
      // An edit starts a new proposal: only approvals of exactly this payload count towards it.
      const counts = editorCounts && (requirement.countingGroups === null || groupName !== null);
      const approvals = edited === undefined ? proposal.approvals + (counts ? 1 : 0) : counts ? 1 : 0;
      await tx.approvalRequest.update({ where: { id: requestId }, data: { approvals } });
      if (approvals >= requirement.requiredApprovals) {
        await closeRequest(tx, {
          actor,
          request,
          status: "approved",
          by: "reviewers",
          comment,
          approvedPayload: approvedPayload as Prisma.InputJsonValue,
          approvedPayloadHash: approvedHash,
          audit: { approvals, payloadHash: approvedHash, edited: approvedHash !== request.payloadHash },
        });
      }
    }
    return {
      view: toRequestView(await tx.approvalRequest.findUniqueOrThrow({ where: { id: requestId }, include: REQUEST_VIEW_INCLUDE })),
      agentId: request.agentId,
    };
  });
  // Closing wakes waiters and inboxes; a review that leaves it pending changes inboxes only.
  if (view.status !== "pending") await signalRequestClosed(requestId);
  else await publishRequestChange(requestId, "reviewed");
  if (view.status === "rejected") await afterStrike(agentId);
  return view;
}
