"use client";

import { useEffect, useRef, useState } from "react";
import { ConfirmDecision } from "./confirm-decision.tsx";
import { DecisionButtons } from "./decision-buttons.tsx";
import { DecisionComment } from "./decision-comment.tsx";
import { DecisionMessages } from "./decision-messages.tsx";
import { PayloadChangedAlert } from "./payload-changed-alert.tsx";
import { PayloadEditor } from "./payload-editor.tsx";
import { useDecisionKeys, type Step } from "./use-decision-keys.ts";
import { useDecisionSubmit, type Outcome } from "./use-decision-submit.ts";

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

/**
 * Approve, reject with a comment, or edit then approve — each behind a confirmation step, through
 * the decision API (use-decision-submit.ts). It sends the hash of the payload this reviewer was
 * shown: if the page refreshed onto a different payload (a reviewer edited it), the reviewer must
 * say they have read the new one. Keys (use-decision-keys.ts): a approve, r reject, e edit, Escape cancels.
 */
export function DecisionPanel({ requestId, payloadHash, rejectNeedsComment, approvals, requiredApprovals, editable, intent }: Props) {
  const [seenHash, setSeenHash] = useState(payloadHash);
  const [comment, setComment] = useState("");
  const [commentMissing, setCommentMissing] = useState(false);
  const [step, setStep] = useState<Step>(intent === "approve" ? "confirm-approve" : "idle");
  const panel = useRef<HTMLElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const changed = payloadHash !== seenHash;
  const submit = useDecisionSubmit({ requestId, changed, onSend: () => setCommentMissing(false), onClose: () => setStep("idle") });
  const { disabled, error, setError } = submit;

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

  useDecisionKeys(panel, {
    step,
    setStep,
    ask,
    rejectReady: !!comment.trim() || !rejectNeedsComment,
    focusComment: () => commentRef.current?.focus(),
    canEdit: !!editable && !disabled,
  });

  const decide = (outcome: Outcome, payload?: unknown) => void submit.decide(outcome, { payloadHash: seenHash, comment, payload });
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
        <PayloadChangedAlert
          margin="mt-3"
          onAcknowledge={() => {
            setSeenHash(payloadHash);
            setError("");
          }}
        >
          The payload changed while this page was open: a reviewer edited it. Read the new payload before you decide.
        </PayloadChangedAlert>
      )}
      <DecisionComment
        commentRef={commentRef}
        value={comment}
        onChange={(value) => {
          setComment(value);
          setCommentMissing(false);
        }}
        rejectNeedsComment={rejectNeedsComment}
        disabled={submit.done !== null}
        missing={commentMissing}
        describedBy={error ? "decision-error" : undefined}
      />
      <DecisionMessages error={error} done={submit.done} />

      {step === "confirm-approve" || step === "confirm-reject" ? (
        <ConfirmDecision
          outcome={step === "confirm-approve" ? "approve" : "reject"}
          approvals={approvals}
          requiredApprovals={requiredApprovals}
          payloadHash={seenHash}
          disabled={disabled}
          sending={submit.sending}
          onConfirm={() => decide(step === "confirm-approve" ? "approve" : "reject")}
          onCancel={() => setStep("idle")}
        />
      ) : (
        <DecisionButtons disabled={disabled} editable={!!editable} onAsk={ask} onEdit={() => setStep("edit")} />
      )}
      {step === "edit" && editable && (
        <PayloadEditor
          requestId={requestId}
          payloadHash={seenHash}
          original={editable.payload}
          schema={editable.schema}
          busy={submit.sending !== null || submit.refreshing}
          error={submit.editError}
          changed={changed}
          onAcknowledge={() => setSeenHash(payloadHash)}
          onCancel={() => {
            submit.setEditError("");
            setStep("idle");
          }}
          onApprove={(edited) => decide("approve", edited)}
        />
      )}
      <p className="mt-3 text-xs text-slate-600">
        Your decision is recorded in the audit trail with your name and the payload hash you saw.
      </p>
    </section>
  );
}
