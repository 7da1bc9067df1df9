"use client";

import { useRouter } from "next/navigation";
import { useEffect, useTransition } from "react";
import { useLive } from "./live-updates.tsx";

const THROTTLE_MS = 400;

/**
 * Re-renders the page from the server when a change concerns it: any change for the inbox, only
 * this request's for a request page (`requestId`), and every resync. Coalesced, so a burst of
 * events costs one refresh. Client state (a comment being typed, an open editor) survives.
 */
export function LiveRefresh({ requestId, onlyWhile = true }: { requestId?: string; onlyWhile?: boolean }) {
  const router = useRouter();
  const live = useLive();
  const [, startTransition] = useTransition();
  useEffect(() => {
    if (!live || !onlyWhile) return;
    // Throttled with a leading edge: the first change refreshes at once (a new request shows up
    // fast), and a burst right after it costs one more refresh at the end of the window.
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const refresh = () => {
      last = Date.now();
      startTransition(() => router.refresh());
    };
    const unsubscribe = live.subscribe((change) => {
      if (requestId && "id" in change && change.id !== requestId) return;
      if (timer) return;
      const wait = last + THROTTLE_MS - Date.now();
      if (wait <= 0) refresh();
      else
        timer = setTimeout(() => {
          timer = null;
          refresh();
        }, wait);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [live, router, requestId, onlyWhile]);
  return null;
}

/** "Live" or "Reconnecting…": whether changes are reaching this tab now. */
export function LiveStatusBadge() {
  const live = useLive();
  const status = live?.status ?? "connecting";
  const label = status === "live" ? "Live" : status === "connecting" ? "Connecting…" : "Reconnecting — refreshing every 10 s";
  return (
    <span data-testid="live-status" data-status={status} role="status" className="inline-flex items-center gap-1.5 text-xs text-slate-600">
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${status === "live" ? "bg-emerald-500" : "bg-amber-500"}`} />
      {label}
    </span>
  );
}
