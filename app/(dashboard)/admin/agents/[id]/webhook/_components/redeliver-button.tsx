"use client";

import { useState, useTransition } from "react";
import { redeliverAction } from "../actions.ts";

export function RedeliverButton({ agentId, deliveryId }: { agentId: string; deliveryId: string }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState("");
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" disabled={pending} className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-50"
        onClick={() => start(async () => {
          const result = await redeliverAction(agentId, deliveryId);
          setMessage(result.ok ? "queued" : result.error);
        })}>
        Redeliver
      </button>
      {message && <span role="status" className="text-xs text-slate-600">{message}</span>}
    </span>
  );
}
