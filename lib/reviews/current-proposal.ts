type ReviewFacts = { outcome: string; payloadHash: string; editedPayload: unknown };

/**
 * What reviewers are currently being asked to approve: the agent's payload, or the latest edit
 * of it. Derived from the reviews (no extra state): approvals count only for this exact payload.
 */
export function currentProposal(request: { payload: unknown; payloadHash: string; reviews: ReviewFacts[] }): {
  payload: unknown;
  hash: string;
  approvals: number;
} {
  const lastEdit = request.reviews.findLast((r) => r.outcome === "approve" && r.editedPayload !== null);
  const payload = lastEdit ? lastEdit.editedPayload : request.payload;
  const hash = lastEdit ? lastEdit.payloadHash : request.payloadHash;
  const approvals = request.reviews.filter((r) => r.outcome === "approve" && r.payloadHash === hash).length;
  return { payload, hash, approvals };
}

