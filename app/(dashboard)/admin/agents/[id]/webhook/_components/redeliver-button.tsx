"use client";

import { useState, useSyncExternalStore, useTransition } from "react";
import { redeliverAction } from "../actions.ts";

const noSubscription = () => () => {};

/**
 * Stays mounted while an attempt is scheduled or in flight (disabled then), so its "queued"
 * answer does not vanish when the page refreshes into that state. Disabled until hydrated, so an
 * early click is never silently lost.
 */
export function RedeliverButton({ agentId, deliveryId, scheduled }: { agentId: string; deliveryId: string; scheduled: boolean }) {
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [pending, start] = useTransition();
  const [message, setMessage] = useState("");
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={!hydrated || pending || scheduled}
        title={scheduled ? "An attempt is already scheduled" : undefined}
        className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-50"
        onClick={() =>
          start(async () => {
            const result = await redeliverAction(agentId, deliveryId);
            setMessage(result.ok ? "queued" : result.error);
          })
        }
      >
        Redeliver
      </button>
      {message && (
        <span role="status" className="text-xs text-slate-600">
          {message}
        </span>
      )}
    </span>
  );
}
