"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { requestVerificationAction } from "../actions.ts";

export function VerifyButton({ running }: { running: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [pending, start] = useTransition();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        data-testid="verify-now"
        disabled={pending || running}
        onClick={() =>
          start(async () => {
            const result = await requestVerificationAction();
            setMessage(result.ok ? "Verification queued: this page shows its result when it finishes." : result.error);
            router.refresh();
          })
        }
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 disabled:opacity-50"
      >
        {running ? "Verification running…" : "Verify now"}
      </button>
      {message && (
        <span role="status" className="text-sm text-slate-700">
          {message}
        </span>
      )}
    </div>
  );
}
