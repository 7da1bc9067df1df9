"use client";

import { useEffect, useState } from "react";
import { previewEditAction, type EditPreviewResult } from "../actions.ts";

type Props = {
  requestId: string;
  payloadHash: string;
  payload: unknown;
  /** Told whether the edit may be confirmed, once the server answered. */
  onVerdict: (ok: boolean) => void;
};

const groupsText = (groups: string[]) => (groups.length ? groups.join(", ") : "any reviewer");

const CHECK_TITLES = {
  schema: "The edited payload does not match the action type's schema",
  deny_rule: "A submission of this payload would be denied by the policy",
  risk_flag: "A submission of this payload would be rejected automatically (risk flag)",
  budget: "This payload would take the agent over its budget",
  no_change: "Nothing changed",
  error: "The edit cannot be checked",
} as const;

/**
 * Before a reviewer confirms an edit: the rule the edited payload now falls under and what the
 * request will then need (the same re-evaluation the decision runs, on the server, writing
 * nothing), or why the edit would be refused.
 */
export function EditPreview({ requestId, payloadHash, payload, onVerdict }: Props) {
  const key = JSON.stringify([requestId, payloadHash, payload]);
  // The answer is kept with what it answers, so a changed payload shows "checking" until its own.
  const [answer, setAnswer] = useState<{ key: string; result: EditPreviewResult } | null>(null);
  const result = answer?.key === key ? answer.result : null;

  useEffect(() => {
    let live = true;
    const [id, hash, edited] = JSON.parse(key) as [string, string, unknown];
    previewEditAction(id, edited, hash).then(
      (r) => {
        if (!live) return;
        setAnswer({ key, result: r });
        onVerdict(r.ok);
      },
      () => {
        if (!live) return;
        setAnswer({ key, result: { ok: false, check: "error", message: "The server could not be reached." } });
        onVerdict(false);
      },
    );
    return () => {
      live = false;
    };
    // onVerdict is the parent's setter; the preview depends on the payload and the hash only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (!result)
    return (
      <p data-testid="edit-preview-loading" className="mt-3 text-sm text-slate-600">
        Checking the edited payload against the policy…
      </p>
    );
  if (!result.ok) {
    return (
      <div
        data-testid="edit-preview-refused"
        role="alert"
        className="mt-3 rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-300"
      >
        <p className="font-medium">{CHECK_TITLES[result.check]}: this edit cannot be approved.</p>
        <p className="mt-1">{result.message}</p>
      </div>
    );
  }
  return (
    <div data-testid="edit-preview" className="mt-3 rounded-md bg-sky-50 p-3 text-sm text-sky-950 ring-1 ring-sky-300">
      <p className="font-medium">
        The edited payload falls under rule <strong data-testid="edit-preview-rule">{result.editRule ?? "(no rule matched)"}</strong>
        {result.editOutcome === "allow" ? " (allow)" : ""}; it was submitted under{" "}
        {result.submittedRule ? <strong>{result.submittedRule}</strong> : "no rule"}.
      </p>
      <p className="mt-1" data-testid="edit-preview-requirement">
        Both apply: {result.requiredApprovals} approval{result.requiredApprovals === 1 ? "" : "s"} of the edited payload, from reviewers in{" "}
        {groupsText(result.approvingGroups)}
        {result.editGroups.length ? <> and in {groupsText(result.editGroups)}</> : null}
        {result.ownerMayApprove ? "" : "; the agent's owner may not approve"}. Earlier approvals no longer count.
      </p>
      {!result.editorCounts && (
        <p data-testid="edit-preview-not-counted" className="mt-1 font-medium text-amber-900">
          You are not eligible under the new rule: your edit is recorded, but your approval will not count.
        </p>
      )}
    </div>
  );
}
