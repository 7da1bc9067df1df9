"use client";

import { Validator, type Schema } from "@cfworker/json-schema";
import { useEffect, useMemo, useRef, useState } from "react";
import { EditPreview } from "./edit-preview.tsx";
import { PayloadChangedAlert } from "./payload-changed-alert.tsx";
import { PayloadDiff } from "./payload-diff.tsx";

type Props = {
  requestId: string;
  /** The hash of the payload this reviewer was shown (the edit replaces it). */
  payloadHash: string;
  original: unknown;
  schema: unknown;
  busy: boolean;
  /** The server's refusal of the last attempt (the dialog stays open with the edit). */
  error?: string;
  /** The payload under review changed since this reviewer read it: approving waits for onAcknowledge. */
  changed?: boolean;
  onAcknowledge?: () => void;
  onCancel: () => void;
  onApprove: (edited: unknown) => void;
};

type Check = { ok: true; value: unknown } | { ok: false; errors: string[] };

// The in-browser check is for convenience only: the decision service validates the edited payload
// against the schema again (with ajv) and refuses it if it does not pass. This validator needs no
// eval, so it runs under the page's Content-Security-Policy.
function check(validator: Validator | null, text: string): Check {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`Not valid JSON: ${(e as Error).message}`] };
  }
  if (!validator) return { ok: true, value };
  const result = validator.validate(value);
  if (result.valid) return { ok: true, value };
  // The leaf errors say what is wrong; the "properties failed" wrappers around them do not.
  const leaves = result.errors.filter((e) => !["properties", "allOf", "items", "$ref", "prefixItems"].includes(e.keyword));
  return {
    ok: false,
    errors: (leaves.length ? leaves : result.errors).slice(0, 20).map((e) => `${e.instanceLocation.replace(/^#/, "") || "/"}: ${e.error}`),
  };
}

/**
 * Edit then approve, in a modal dialog: a JSON editor checked against the action type's schema
 * as you type, then the diff of the agent's payload against yours, then the approval itself.
 */
export function PayloadEditor({
  requestId,
  payloadHash,
  original,
  schema,
  busy,
  error,
  changed = false,
  onAcknowledge,
  onCancel,
  onApprove,
}: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState(() => JSON.stringify(original, null, 2));
  const [step, setStep] = useState<"edit" | "review">("edit");
  // The server's preview of the edit (rule, requirement) must say it may go ahead before confirming.
  const [allowed, setAllowed] = useState<boolean | null>(null);
  const validator = useMemo(() => {
    try {
      return new Validator(schema as Schema, "2020-12", false);
    } catch {
      return null;
    }
  }, [schema]);
  const result = useMemo(() => check(validator, text), [validator, text]);
  const unchanged = result.ok && JSON.stringify(result.value) === JSON.stringify(original);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      data-testid="edit-dialog"
      aria-labelledby="edit-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto w-[min(56rem,calc(100vw-1.5rem))] max-h-[calc(100vh-2rem)] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="flex max-h-[calc(100vh-2rem)] flex-col">
        <div className="border-b border-slate-200 px-4 py-3">
          <h2 id="edit-title" className="font-semibold">
            {step === "edit" ? "Edit the payload, then approve" : "Check your changes"}
          </h2>
          <p className="mt-0.5 text-xs text-slate-600">
            {step === "edit"
              ? "The agent will be told exactly this payload was approved, and may execute only this."
              : "The agent's payload compared with yours, and what the policy asks of it now. Approving records your approval of the edited payload."}
          </p>
        </div>
        <div className="min-h-0 flex-1 overflow-auto px-4 py-3">
          {error && (
            <p
              id="edit-error"
              role="alert"
              data-testid="edit-error"
              className="mb-3 rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-300"
            >
              {error}
            </p>
          )}
          {changed && (
            <PayloadChangedAlert margin="mb-3" onAcknowledge={onAcknowledge}>
              The payload changed while you were editing: a reviewer edited it.{" "}
              {step === "review" ? "The changes below are now against the new payload." : "Review your changes against the new payload."}
            </PayloadChangedAlert>
          )}
          {step === "edit" ? (
            <>
              <label htmlFor="payload-editor" className="block text-sm font-medium text-slate-700">
                Payload (JSON)
              </label>
              <textarea
                id="payload-editor"
                data-testid="payload-editor"
                value={text}
                onChange={(e) => setText(e.target.value)}
                spellCheck={false}
                rows={16}
                aria-invalid={!result.ok || undefined}
                aria-describedby="editor-status"
                className="mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-[13px] leading-5 focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-400 aria-[invalid=true]:border-red-500"
              />
              <div id="editor-status" aria-live="polite" className="mt-2 text-sm">
                {result.ok ? (
                  <p data-testid="editor-valid" className="text-emerald-800">
                    {validator ? "Valid against the action type's schema." : "Valid JSON (the server checks the schema)."}
                  </p>
                ) : (
                  <ul data-testid="editor-errors" className="list-disc space-y-0.5 pl-5 text-red-700">
                    {result.errors.map((e, i) => (
                      <li key={i}>{e}</li>
                    ))}
                  </ul>
                )}
              </div>
            </>
          ) : (
            <>
              <PayloadDiff before={original} after={result.ok ? result.value : null} />
              {result.ok && <EditPreview requestId={requestId} payloadHash={payloadHash} payload={result.value} onVerdict={setAllowed} />}
            </>
          )}
        </div>
        <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 px-4 py-3">
          {step === "edit" ? (
            <>
              <button
                type="button"
                onClick={onCancel}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
              >
                Cancel
              </button>
              <button
                type="button"
                data-testid="review-edit"
                disabled={!result.ok || unchanged}
                onClick={() => {
                  setAllowed(null);
                  setStep("review");
                }}
                className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-50"
              >
                {unchanged ? "No changes yet" : "Review changes"}
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                onClick={() => setStep("edit")}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
              >
                Back to editing
              </button>
              <button
                type="button"
                data-testid="confirm-edit-approve"
                disabled={busy || !result.ok || changed || allowed !== true}
                autoFocus
                onClick={() => result.ok && onApprove(result.value)}
                aria-describedby={error ? "edit-error" : undefined}
                className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-500 focus-visible:ring-offset-2 disabled:opacity-50"
              >
                {busy ? "Approving…" : "Approve the edited payload"}
              </button>
            </>
          )}
        </div>
      </div>
    </dialog>
  );
}
