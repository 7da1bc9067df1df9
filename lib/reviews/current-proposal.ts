type ReviewFacts = { outcome: string; payloadHash: string; editedPayload: unknown; groupName?: string | null };

/**
 * What reviewers are currently being asked to approve: the agent's payload, or the latest edit
 * of it. Derived from the reviews (no extra state): approvals count only for this exact payload,
 * and when the rule wants approvals from distinct groups, only one per group counts.
 */
export function currentProposal(
  request: { payload: unknown; payloadHash: string; reviews: ReviewFacts[] },
  options: { distinctGroups?: boolean } = {},
): { payload: unknown; hash: string; approvals: number; countedGroups: string[] } {
  const lastEdit = request.reviews.findLast((r) => r.outcome === "approve" && r.editedPayload !== null);
  const payload = lastEdit ? lastEdit.editedPayload : request.payload;
  const hash = lastEdit ? lastEdit.payloadHash : request.payloadHash;
  const approvals = request.reviews.filter((r) => r.outcome === "approve" && r.payloadHash === hash);
  const countedGroups = [...new Set(approvals.map((r) => r.groupName).filter((g): g is string => !!g))];
  return { payload, hash, approvals: options.distinctGroups ? countedGroups.length : approvals.length, countedGroups };
}
