type ReviewFacts = { outcome: string; payloadHash: string; editedPayload: unknown; groupName?: string | null; counted?: boolean };

/**
 * What reviewers are currently being asked to approve: the agent's payload, or the latest edit
 * of it. Derived from the reviews (in the order given), approvals count only for this exact payload,
 * and when the rule wants approvals from distinct groups, only one per group counts.
 */
export function currentProposal(
  request: { payload: unknown; payloadHash: string; reviews: ReviewFacts[] },
  options: { distinctGroups?: boolean } = {},
): { payload: unknown; hash: string; approvals: number; countedGroups: string[] } {
  const editAt = request.reviews.findLastIndex((r) => r.outcome === "approve" && r.editedPayload !== null);
  const lastEdit = editAt >= 0 ? request.reviews[editAt] : undefined;
  const payload = lastEdit ? lastEdit.editedPayload : request.payload;
  const hash = lastEdit ? lastEdit.payloadHash : request.payloadHash;
  // Only approvals given since the latest edit count (an edit back to an earlier payload starts
  // afresh too), and not those recorded as not counting (an editor ineligible under the edit's rule).
  const approvals = request.reviews.filter(
    (r, i) => i >= editAt && r.outcome === "approve" && r.payloadHash === hash && r.counted !== false,
  );
  const countedGroups = [...new Set(approvals.map((r) => r.groupName).filter((g): g is string => !!g))];
  return { payload, hash, approvals: options.distinctGroups ? countedGroups.length : approvals.length, countedGroups };
}

/**
 * The groups an approval is counted for when approvals must come from distinct groups, or null
 * when they need not: the edit's rule's groups if that rule wants distinct groups, else the
 * submitted rule's.
 */
export function distinctGroupsOf(request: {
  approvingGroups: string[];
  editGroups: string[];
  editDistinctGroups: boolean;
  rule: { distinctGroups: boolean } | null;
}): string[] | null {
  if (request.editDistinctGroups && request.editGroups.length > 0) return request.editGroups;
  if ((request.rule?.distinctGroups ?? false) && request.approvingGroups.length > 0) return request.approvingGroups;
  return null;
}
