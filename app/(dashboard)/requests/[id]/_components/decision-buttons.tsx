import { OutcomeButton } from "./outcome-button.tsx";
import { SecondaryButton } from "./secondary-button.tsx";
import type { Outcome } from "./use-decision-submit.ts";

/** The first step of a decision: approve, reject, or (when the reviewer may) edit then approve, with their keys. */
export function DecisionButtons({
  disabled,
  editable,
  onAsk,
  onEdit,
}: {
  disabled: boolean;
  editable: boolean;
  onAsk: (outcome: Outcome) => void;
  onEdit: () => void;
}) {
  return (
    <div className="mt-3 flex flex-wrap gap-3">
      <OutcomeButton outcome="approve" testId="approve-button" disabled={disabled} onClick={() => onAsk("approve")}>
        Approve <kbd className="ml-1 hidden font-mono text-xs opacity-80 sm:inline">a</kbd>
      </OutcomeButton>
      <OutcomeButton outcome="reject" testId="reject-button" disabled={disabled} onClick={() => onAsk("reject")}>
        Reject <kbd className="ml-1 hidden font-mono text-xs opacity-80 sm:inline">r</kbd>
      </OutcomeButton>
      {editable && (
        <SecondaryButton testId="edit-button" disabled={disabled} onClick={onEdit}>
          Edit, then approve <kbd className="ml-1 hidden font-mono text-xs text-slate-500 sm:inline">e</kbd>
        </SecondaryButton>
      )}
    </div>
  );
}
