"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";

type Props = { requestId: string; payloadHash: string; rejectNeedsComment: boolean };
type Outcome = "approve" | "reject";

const button =
  "rounded-md px-4 py-2 text-sm font-medium text-white focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-50";

/**
 * Approve, or reject with a comment, through the decision API (session cookie, same origin).
 * It sends the hash of the payload this reviewer was shown: if the page refreshed onto a
 * different payload (a reviewer edited it), the reviewer must say they have read the new one.
 */
export function DecisionPanel({ requestId, payloadHash, rejectNeedsComment }: Props) {
  const router = useRouter();
  const [seenHash, setSeenHash] = useState(payloadHash);
  const [comment, setComment] = useState("");
  const [error, setError] = useState("");
  const [commentMissing, setCommentMissing] = useState(false);
  const [sending, setSending] = useState<Outcome | null>(null);
  const [done, setDone] = useState<Outcome | null>(null);
  const [refreshing, startRefresh] = useTransition();
  const inFlight = useRef(false);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const changed = payloadHash !== seenHash;
  const disabled = sending !== null || done !== null || refreshing || changed;

  async function decide(outcome: Outcome) {
    if (inFlight.current || disabled) return; // a double click must not send twice
    if (outcome === "reject" && rejectNeedsComment && !comment.trim()) {
      setError("Say why you reject it: the agent and the audit trail get your comment.");
      setCommentMissing(true);
      commentRef.current?.focus();
      return;
    }
    inFlight.current = true;
    setSending(outcome);
    setError("");
    setCommentMissing(false);
    try {
      const res = await fetch(`/api/v1/requests/${requestId}/decision`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ outcome, payloadHash: seenHash, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
      });
      if (res.ok) {
        setDone(outcome);
      } else {
        const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
        setError(
          body?.error?.code === "stale"
            ? "Nothing was recorded: the request changed while you were reading it."
            : (body?.error?.message ?? `The decision failed (HTTP ${res.status}).`),
        );
      }
      startRefresh(() => router.refresh());
    } catch {
      setError("Network error: your decision was not sent. Try again.");
    } finally {
      inFlight.current = false;
      setSending(null);
    }
  }

  return (
    <section aria-labelledby="decide-title" data-testid="decision-panel" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="decide-title" className="font-semibold">Your decision</h2>
      {changed && (
        <div role="alert" className="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-300">
          <p>The payload changed while this page was open: a reviewer edited it. Read the new payload before you decide.</p>
          <button type="button" data-testid="acknowledge-change" onClick={() => {
              setSeenHash(payloadHash);
              setError("");
            }}
            className="mt-2 rounded-md border border-amber-400 bg-white px-3 py-1 font-medium hover:bg-amber-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-amber-500">
            I have read the new payload
          </button>
        </div>
      )}
      <label htmlFor="decision-comment" className="mt-3 block text-sm font-medium text-slate-700">
        Comment <span className="font-normal text-slate-500">{rejectNeedsComment ? "(required to reject)" : "(optional)"}</span>
      </label>
      <textarea id="decision-comment" ref={commentRef} data-testid="reject-comment" value={comment} rows={3} maxLength={5000}
        onChange={(e) => {
          setComment(e.target.value);
          setCommentMissing(false);
        }} disabled={done !== null}
        aria-invalid={commentMissing || undefined} aria-describedby={error ? "decision-error" : undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-400 aria-[invalid=true]:border-red-500 disabled:bg-slate-50" />
      {error && <p id="decision-error" role="alert" data-testid="decision-error" className="mt-2 text-sm text-red-700">{error}</p>}
      {done && <p role="status" className="mt-2 text-sm text-slate-700">{done === "approve" ? "Approval recorded." : "Rejection recorded."} Updating…</p>}
      <div className="mt-3 flex flex-wrap gap-3">
        <button type="button" data-testid="approve-button" disabled={disabled} onClick={() => void decide("approve")}
          className={`${button} bg-emerald-700 hover:bg-emerald-800 focus-visible:ring-emerald-500`}>
          {sending === "approve" ? "Approving…" : "Approve"}
        </button>
        <button type="button" data-testid="reject-button" disabled={disabled} onClick={() => void decide("reject")}
          className={`${button} bg-red-700 hover:bg-red-800 focus-visible:ring-red-500`}>
          {sending === "reject" ? "Rejecting…" : "Reject"}
        </button>
      </div>
      <p className="mt-3 text-xs text-slate-500">Your decision is recorded in the audit trail with your name and the payload hash you saw.</p>
    </section>
  );
}
