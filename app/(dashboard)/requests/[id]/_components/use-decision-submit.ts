import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { decisionRefusal } from "./decision-refusal.ts";

export type Outcome = "approve" | "reject";

/**
 * Sends a decision to the decision API (session cookie, same origin), at most one at a time, and
 * keeps what the panel shows about it: the outcome being sent, the one recorded, the refusal, and
 * the page's refresh afterwards. A refusal of an edited payload goes to `editError`, shown in the
 * edit dialog, which stays open with the edit; any other to `error`. `changed`: the payload changed
 * since the reviewer read it, so nothing may be sent until they acknowledge it.
 */
export function useDecisionSubmit(options: { requestId: string; changed: boolean; onSend: () => void; onClose: () => void }) {
  const { requestId, changed, onSend, onClose } = options;
  const router = useRouter();
  const [error, setError] = useState("");
  const [editError, setEditError] = useState("");
  const [sending, setSending] = useState<Outcome | null>(null);
  const [done, setDone] = useState<Outcome | null>(null);
  const [refreshing, startRefresh] = useTransition();
  const inFlight = useRef(false);
  const disabled = sending !== null || done !== null || refreshing || changed;

  async function decide(outcome: Outcome, sent: { payloadHash: string; comment: string; payload?: unknown }) {
    if (inFlight.current || disabled) return; // a double click must not send twice
    inFlight.current = true;
    const editing = sent.payload !== undefined;
    setSending(outcome);
    setError("");
    setEditError("");
    onSend();
    try {
      const res = await fetch(`/api/v1/requests/${requestId}/decision`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          outcome,
          payloadHash: sent.payloadHash,
          ...(sent.comment.trim() ? { comment: sent.comment.trim() } : {}),
          ...(editing ? { payload: sent.payload } : {}),
        }),
      });
      if (res.ok) {
        setDone(outcome);
        onClose();
      } else {
        const { said, stale } = decisionRefusal(await res.json().catch(() => null), res.status);
        if (editing) {
          // Keep the dialog and the reviewer's edit: they fix it, or compare it with the new payload.
          setEditError(
            `Nothing was recorded. ${said}${stale ? " Your edit is kept: read the current payload, then approve again if it still stands." : ""}`,
          );
        } else {
          setError(stale ? "Nothing was recorded: the request changed while you were reading it." : said);
          onClose();
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

  return { decide, disabled, sending, done, refreshing, error, setError, editError, setEditError };
}
