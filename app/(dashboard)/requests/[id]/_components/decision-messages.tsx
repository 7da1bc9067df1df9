import type { Outcome } from "./use-decision-submit.ts";

/** Under the comment: why nothing was recorded (id `decision-error`), or that the decision was. */
export function DecisionMessages({ error, done }: { error: string; done: Outcome | null }) {
  return (
    <>
      {error && (
        <p id="decision-error" role="alert" data-testid="decision-error" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {done && (
        <p role="status" className="mt-2 text-sm text-slate-700">
          {done === "approve" ? "Approval recorded." : "Rejection recorded."} Updating…
        </p>
      )}
    </>
  );
}
