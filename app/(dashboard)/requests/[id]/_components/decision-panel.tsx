"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { isTypingOrModified } from "../../../inbox/_components/inbox-keyboard.tsx";
import { PayloadEditor } from "./payload-editor.tsx";

type Props = {
  requestId: string;
  payloadHash: string;
  rejectNeedsComment: boolean;
  approvals: number;
  requiredApprovals: number;
  /** The payload and its schema when this reviewer may edit it; null otherwise. */
  editable: { payload: unknown; schema: unknown } | null;
  /** Opened from the inbox with `a` or `r`: start at that confirmation. */
  intent: "approve" | "reject" | null;
};
type Outcome = "approve" | "reject";
type Step = "idle" | "confirm-approve" | "confirm-reject" | "edit";

const button =
  "rounded-md px-4 py-2 text-sm font-medium text-white focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-50";
const secondary =
  "rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400";

/**
 * Approve, reject with a comment, or edit then approve — each behind a confirmation step, through
 * the decision API (session cookie, same origin). It sends the hash of the payload this reviewer
 * was shown: if the page refreshed onto a different payload (a reviewer edited it), the reviewer
 * must say they have read the new one. Keys: a approve, r reject, e edit, Escape cancels.
 */
export function DecisionPanel({ requestId, payloadHash, rejectNeedsComment, approvals, requiredApprovals, editable, intent }: Props) {
  const router = useRouter();
  const [seenHash, setSeenHash] = useState(payloadHash);
  const [comment, setComment] = useState("");
  const [error, setError] = useState("");
  // A refusal of an edited payload is shown in the edit dialog, which stays open with the edit.
  const [editError, setEditError] = useState("");
  const [commentMissing, setCommentMissing] = useState(false);
  const [step, setStep] = useState<Step>(intent === "approve" ? "confirm-approve" : "idle");
  const [sending, setSending] = useState<Outcome | null>(null);
  const [done, setDone] = useState<Outcome | null>(null);
  const [refreshing, startRefresh] = useTransition();
  const panel = useRef<HTMLElement>(null);
  const inFlight = useRef(false);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const changed = payloadHash !== seenHash;
  const disabled = sending !== null || done !== null || refreshing || changed;

  function ask(outcome: Outcome) {
    if (disabled) return;
    setError("");
    if (outcome === "reject" && rejectNeedsComment && !comment.trim()) {
      setError("Say why you reject it: the agent and the audit trail get your comment.");
      setCommentMissing(true);
      commentRef.current?.focus();
      return;
    }
    setStep(outcome === "approve" ? "confirm-approve" : "confirm-reject");
  }

  useEffect(() => {
    if (intent === "reject") commentRef.current?.focus();
  }, [intent]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === "Escape" && (step === "confirm-approve" || step === "confirm-reject")) return setStep("idle");
      if (isTypingOrModified(e) || step !== "idle") return;
      if (e.key === "a") ask("approve");
      else if (e.key === "r") {
        e.preventDefault();
        if (comment.trim() || !rejectNeedsComment) ask("reject");
        else commentRef.current?.focus();
      } else if (e.key === "e" && editable && !disabled) setStep("edit");
      else return;
      e.preventDefault();
    }
    document.addEventListener("keydown", onKey);
    // Marks that the keys are listened to (after hydration): browser tests wait for it.
    panel.current?.setAttribute("data-keys", "on");
    return () => document.removeEventListener("keydown", onKey);
  });

  async function decide(outcome: Outcome, payload?: unknown) {
    if (inFlight.current || disabled) return; // a double click must not send twice
    inFlight.current = true;
    const editing = payload !== undefined;
    setSending(outcome);
    setError("");
    setEditError("");
    setCommentMissing(false);
    try {
      const res = await fetch(`/api/v1/requests/${requestId}/decision`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          outcome,
          payloadHash: seenHash,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
          ...(payload !== undefined ? { payload } : {}),
        }),
      });
      if (res.ok) {
        setDone(outcome);
        setStep("idle");
      } else {
        const body = (await res.json().catch(() => null)) as {
          error?: { code?: string; message?: string; details?: { path?: string; message?: string }[] };
        } | null;
        const where = Array.isArray(body?.error?.details)
          ? body.error.details.map((d) => `${d.path ?? ""} ${d.message ?? ""}`.trim()).join("; ")
          : "";
        const stale = body?.error?.code === "stale";
        const said = `${body?.error?.message ?? `The decision failed (HTTP ${res.status}).`}${where ? ` (${where})` : ""}`;
        if (editing) {
          // Keep the dialog and the reviewer's edit: they fix it, or compare it with the new payload.
          setEditError(
            `Nothing was recorded. ${said}${stale ? " Your edit is kept: read the current payload, then approve again if it still stands." : ""}`,
          );
        } else {
          setError(stale ? "Nothing was recorded: the request changed while you were reading it." : said);
          setStep("idle");
        }
      }
      startRefresh(() => router.refresh());
    } catch {
      const message = "Network error: your decision was not sent. Try again.";
      if (editing) setEditError(message);
      else setError(message);
    } finally {
      inFlight.current = false;
      setSending(null);
    }
  }

  const after = Math.min(approvals + 1, requiredApprovals);
  return (
    <section
      aria-labelledby="decide-title"
      data-testid="decision-panel"
      ref={panel}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="decide-title" className="font-semibold">
        Your decision
      </h2>
      {changed && (
        <div role="alert" className="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-300">
          <p>The payload changed while this page was open: a reviewer edited it. Read the new payload before you decide.</p>
          <button
            type="button"
            data-testid="acknowledge-change"
            onClick={() => {
              setSeenHash(payloadHash);
              setError("");
            }}
            className="mt-2 rounded-md border border-amber-400 bg-white px-3 py-1 font-medium hover:bg-amber-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-amber-500"
          >
            I have read the new payload
          </button>
        </div>
      )}
      <label htmlFor="decision-comment" className="mt-3 block text-sm font-medium text-slate-700">
        Comment <span className="font-normal text-slate-600">{rejectNeedsComment ? "(required to reject)" : "(optional)"}</span>
      </label>
      <textarea
        id="decision-comment"
        ref={commentRef}
        data-testid="reject-comment"
        value={comment}
        rows={3}
        maxLength={5000}
        onChange={(e) => {
          setComment(e.target.value);
          setCommentMissing(false);
        }}
        disabled={done !== null}
        aria-invalid={commentMissing || undefined}
        aria-describedby={error ? "decision-error" : undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-400 aria-[invalid=true]:border-red-500 disabled:bg-slate-50"
      />
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

      {step === "confirm-approve" || step === "confirm-reject" ? (
        <div
          role="group"
          aria-labelledby="confirm-title"
          className={`mt-3 rounded-md p-3 text-sm ring-1 ${step === "confirm-approve" ? "bg-emerald-50 ring-emerald-300" : "bg-red-50 ring-red-300"}`}
        >
          <p id="confirm-title" className="font-medium">
            {step === "confirm-approve"
              ? requiredApprovals > 1
                ? `Approve this payload? Yours would be approval ${after} of ${requiredApprovals}.`
                : "Approve this payload? The agent may then execute it."
              : "Reject this request? The agent is told, with your comment."}
          </p>
          <p className="mt-1 break-all font-mono text-xs text-slate-700">{seenHash}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            {step === "confirm-approve" ? (
              <button
                type="button"
                autoFocus
                data-testid="confirm-approve"
                disabled={disabled}
                onClick={() => void decide("approve")}
                className={`${button} bg-emerald-700 hover:bg-emerald-800 focus-visible:ring-emerald-500`}
              >
                {sending === "approve" ? "Approving…" : "Confirm approval"}
              </button>
            ) : (
              <button
                type="button"
                autoFocus
                data-testid="confirm-reject"
                disabled={disabled}
                onClick={() => void decide("reject")}
                className={`${button} bg-red-700 hover:bg-red-800 focus-visible:ring-red-500`}
              >
                {sending === "reject" ? "Rejecting…" : "Confirm rejection"}
              </button>
            )}
            <button type="button" data-testid="cancel-confirm" onClick={() => setStep("idle")} className={secondary}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="mt-3 flex flex-wrap gap-3">
          <button
            type="button"
            data-testid="approve-button"
            disabled={disabled}
            onClick={() => ask("approve")}
            className={`${button} bg-emerald-700 hover:bg-emerald-800 focus-visible:ring-emerald-500`}
          >
            Approve <kbd className="ml-1 hidden font-mono text-xs opacity-80 sm:inline">a</kbd>
          </button>
          <button
            type="button"
            data-testid="reject-button"
            disabled={disabled}
            onClick={() => ask("reject")}
            className={`${button} bg-red-700 hover:bg-red-800 focus-visible:ring-red-500`}
          >
            Reject <kbd className="ml-1 hidden font-mono text-xs opacity-80 sm:inline">r</kbd>
          </button>
          {editable && (
            <button type="button" data-testid="edit-button" disabled={disabled} onClick={() => setStep("edit")} className={secondary}>
              Edit, then approve <kbd className="ml-1 hidden font-mono text-xs text-slate-500 sm:inline">e</kbd>
            </button>
          )}
        </div>
      )}
      {step === "edit" && editable && (
        <PayloadEditor
          requestId={requestId}
          payloadHash={seenHash}
          original={editable.payload}
          schema={editable.schema}
          busy={sending !== null || refreshing}
          error={editError}
          changed={changed}
          onAcknowledge={() => setSeenHash(payloadHash)}
          onCancel={() => {
            setEditError("");
            setStep("idle");
          }}
          onApprove={(edited) => void decide("approve", edited)}
        />
      )}
      <p className="mt-3 text-xs text-slate-600">
        Your decision is recorded in the audit trail with your name and the payload hash you saw.
      </p>
    </section>
  );
}
