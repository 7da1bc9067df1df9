"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

type Props = { requestId: string; payloadHash: string };

/** Approve, or reject with a comment, through the decision API (session cookie, same origin). */
export function DecisionPanel({ requestId, payloadHash }: Props) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);

  async function decide(outcome: "approve" | "reject") {
    if (sending.current) return; // a double click must not send twice
    if (outcome === "reject" && !comment.trim()) {
      setError("Say why you reject it: the agent and the audit trail get your comment.");
      return;
    }
    sending.current = true;
    setBusy(true);
    setError("");
    try {
      const res = await fetch(`/api/v1/requests/${requestId}/decision`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ outcome, payloadHash, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(body?.error?.message ?? `The decision failed (HTTP ${res.status}).`);
      }
      router.refresh();
    } catch {
      setError("Network error: the decision was not sent.");
    } finally {
      sending.current = false;
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="decide-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="decide-title" className="font-semibold">Your decision</h2>
      <label htmlFor="comment" className="mt-3 block text-sm font-medium text-slate-700">
        Comment <span className="font-normal text-slate-500">(required to reject)</span>
      </label>
      <textarea id="comment" data-testid="reject-comment" value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={5000}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-400" />
      {error && <p role="alert" className="mt-2 text-sm text-red-700">{error}</p>}
      <div className="mt-3 flex gap-3">
        <button type="button" data-testid="approve-button" disabled={busy} onClick={() => void decide("approve")}
          className="rounded-md bg-emerald-700 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-800 focus:outline-none focus:ring-2 focus:ring-emerald-500 focus:ring-offset-2 disabled:opacity-60">
          Approve
        </button>
        <button type="button" data-testid="reject-button" disabled={busy} onClick={() => void decide("reject")}
          className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 focus:outline-none focus:ring-2 focus:ring-red-500 focus:ring-offset-2 disabled:opacity-60">
          Reject
        </button>
      </div>
    </section>
  );
}
