import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { AppError, isAppError } from "@/lib/kernel/errors.ts";
import { payloadHash } from "@/lib/kernel/json/canonical-json.ts";
import { openEditedPayload, openRequestContent } from "@/lib/domain/requests/sealed-request.ts";
import { db } from "@/lib/platform/db.ts";
import { loadReviewerFacts } from "@/lib/domain/users/load-reviewer-facts.ts";
import { currentProposal, distinctGroupsOf } from "./current-proposal.ts";
import { DECIDING_INCLUDE, REFUSALS } from "./decide-request.ts";
import { eligibleUnderEdit, reevaluateEdit } from "./reevaluate-edit.ts";
import { reviewIneligibility } from "./review-eligibility.ts";

export type EditPreview =
  | {
      ok: true;
      /** The rule the request was submitted under, and the one the edited payload matches. */
      submittedRule: string | null;
      editRule: string | null;
      editOutcome: "allow" | "review";
      reason: string;
      /** What the request will need once the edit is recorded. */
      requiredApprovals: number;
      approvingGroups: string[];
      editGroups: string[];
      ownerMayApprove: boolean;
      /** Whether this reviewer's approval of the edit counts (eligible under both rules). */
      editorCounts: boolean;
      riskFlags: string[];
    }
  | { ok: false; check: "schema" | "deny_rule" | "risk_flag" | "budget" | "no_change"; message: string; details?: unknown };

/**
 * What an edit would do, before the reviewer confirms it: the same re-evaluation the decision
 * service runs (reevaluateEdit), in a transaction that writes nothing. Refusals the reviewer can
 * act on (schema, deny rule, risk flag, budget) come back as data; anything else (not eligible,
 * stale hash, no editing) is thrown as the decision service would.
 */
export async function previewEdit(options: {
  actor: UserActor;
  requestId: string;
  payload: unknown;
  payloadHash: string;
}): Promise<EditPreview> {
  const { actor, requestId } = options;
  return db().$transaction(async (tx) => {
    const reviewer = await loadReviewerFacts(tx, actor.userId);
    const stored = await tx.approvalRequest.findUnique({ where: { id: requestId }, include: DECIDING_INCLUDE });
    if (!stored) throw new AppError("not_found", "Request not found");
    const request = { ...openRequestContent(stored), reviews: stored.reviews.map((r) => openEditedPayload(stored, r)) };
    const why = reviewIneligibility(reviewer, { ...request, agentOwnerId: request.agent.ownerId });
    if (why === "not_pending") throw new AppError("conflict", `Request is already ${request.status}`);
    if (why) throw new AppError("forbidden", REFUSALS[why]);
    if (request.reviews.some((r) => r.reviewerId === reviewer.id)) throw new AppError("conflict", "You already reviewed this request");
    const proposal = currentProposal(request, { distinctGroups: distinctGroupsOf(request) !== null });
    if (options.payloadHash !== proposal.hash)
      throw new AppError("stale", "The request changed since you loaded it; reload and review again", { payloadHash: proposal.hash });
    if (!(request.rule?.allowEdit ?? request.actionType.allowEdit))
      throw new AppError("forbidden", "Reviewers may not edit the payload of this request");
    const hash = payloadHash(options.payload);
    if (hash === proposal.hash)
      return { ok: false, check: "no_change", message: "This is the payload already proposed: approve it as it is." };

    try {
      const r = await reevaluateEdit(tx, { request, payload: options.payload, payloadHash: hash, now: new Date() });
      return {
        ok: true,
        submittedRule: r.submitted.ruleName,
        editRule: r.edit.ruleName,
        editOutcome: r.edit.outcome,
        reason: r.edit.reason,
        requiredApprovals: r.combined.requiredApprovals,
        approvingGroups: r.combined.approvingGroups,
        editGroups: r.combined.editGroups,
        ownerMayApprove: r.combined.ownerMayApprove,
        editorCounts: eligibleUnderEdit(reviewer, r.edit, request.agent.ownerId),
        riskFlags: r.verdict.risk.flags,
      };
    } catch (e) {
      if (isAppError(e) && e.code === "validation_error") return { ok: false, check: "schema", message: e.message, details: e.details };
      if (isAppError(e) && e.code === "edit_refused")
        return {
          ok: false,
          check: (e.details as { check: "deny_rule" | "risk_flag" | "budget" }).check,
          message: e.message,
          details: e.details,
        };
      throw e;
    }
  });
}
