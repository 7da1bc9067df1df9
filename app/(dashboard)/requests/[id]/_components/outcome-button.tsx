import type { ReactNode } from "react";
import type { Outcome } from "./use-decision-submit.ts";

const COLOURS: Record<Outcome, string> = {
  approve: "bg-emerald-700 hover:bg-emerald-800 focus-visible:ring-emerald-500",
  reject: "bg-red-700 hover:bg-red-800 focus-visible:ring-red-500",
};

/** An approve (green) or reject (red) button of the decision panel. */
export function OutcomeButton(props: {
  outcome: Outcome;
  testId: string;
  disabled: boolean;
  autoFocus?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      autoFocus={props.autoFocus}
      data-testid={props.testId}
      disabled={props.disabled}
      onClick={props.onClick}
      className={`rounded-md px-4 py-2 text-sm font-medium text-white focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-50 ${COLOURS[props.outcome]}`}
    >
      {props.children}
    </button>
  );
}
