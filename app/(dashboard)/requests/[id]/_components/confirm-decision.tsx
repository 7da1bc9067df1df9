import { OutcomeButton } from "./outcome-button.tsx";
import { SecondaryButton } from "./secondary-button.tsx";
import type { Outcome } from "./use-decision-submit.ts";

type Props = {
  outcome: Outcome;
  approvals: number;
  requiredApprovals: number;
  /** The hash of the payload the reviewer confirms. */
  payloadHash: string;
  disabled: boolean;
  sending: Outcome | null;
  onConfirm: () => void;
  onCancel: () => void;
};

/** The confirmation step of an approval or a rejection: what it will do, the payload's hash, confirm or cancel. */
export function ConfirmDecision({ outcome, approvals, requiredApprovals, payloadHash, disabled, sending, onConfirm, onCancel }: Props) {
  const after = Math.min(approvals + 1, requiredApprovals);
  return (
    <div
      role="group"
      aria-labelledby="confirm-title"
      className={`mt-3 rounded-md p-3 text-sm ring-1 ${outcome === "approve" ? "bg-emerald-50 ring-emerald-300" : "bg-red-50 ring-red-300"}`}
    >
      <p id="confirm-title" className="font-medium">
        {outcome === "approve"
          ? requiredApprovals > 1
            ? `Approve this payload? Yours would be approval ${after} of ${requiredApprovals}.`
            : "Approve this payload? The agent may then execute it."
          : "Reject this request? The agent is told, with your comment."}
      </p>
      <p className="mt-1 break-all font-mono text-xs text-slate-700">{payloadHash}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <OutcomeButton key={outcome} outcome={outcome} testId={`confirm-${outcome}`} autoFocus disabled={disabled} onClick={onConfirm}>
          {outcome === "approve"
            ? sending === "approve"
              ? "Approving…"
              : "Confirm approval"
            : sending === "reject"
              ? "Rejecting…"
              : "Confirm rejection"}
        </OutcomeButton>
        <SecondaryButton testId="cancel-confirm" onClick={onCancel}>
          Cancel
        </SecondaryButton>
      </div>
    </div>
  );
}
