import type { RefObject } from "react";

type Props = {
  commentRef: RefObject<HTMLTextAreaElement | null>;
  value: string;
  onChange: (value: string) => void;
  rejectNeedsComment: boolean;
  disabled: boolean;
  /** A rejection was asked for without the comment it needs. */
  missing: boolean;
  /** The id of the error it is described by, if one is shown. */
  describedBy: string | undefined;
};

/** The reviewer's comment on the decision: optional, or required to reject. */
export function DecisionComment({ commentRef, value, onChange, rejectNeedsComment, disabled, missing, describedBy }: Props) {
  return (
    <>
      <label htmlFor="decision-comment" className="mt-3 block text-sm font-medium text-slate-700">
        Comment <span className="font-normal text-slate-600">{rejectNeedsComment ? "(required to reject)" : "(optional)"}</span>
      </label>
      <textarea
        id="decision-comment"
        ref={commentRef}
        data-testid="reject-comment"
        value={value}
        rows={3}
        maxLength={5000}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        aria-invalid={missing || undefined}
        aria-describedby={describedBy}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-400 aria-[invalid=true]:border-red-500 disabled:bg-slate-50"
      />
    </>
  );
}
