"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";

// One server-sent event stream per tab (GET /api/inbox/events), shared by the navigation badges and
// whichever page wants to follow changes. Events carry request ids only; pages re-read what they
// show through the server, which authorizes. Pub/sub is a hint: the tab also resyncs on a timer,
// on reconnect and when it becomes visible again, so a lost message cannot leave it wrong for long.

export type LiveChange = { id: string; kind: string } | { resync: true };
export type LiveStatus = "connecting" | "live" | "degraded";
export type LiveCounts = { inbox: number; unread: number };

type Live = { status: LiveStatus; counts: LiveCounts; subscribe: (fn: (change: LiveChange) => void) => () => void };

const LiveContext = createContext<Live | null>(null);

const RESYNC_LIVE_MS = 30_000;
const RESYNC_DEGRADED_MS = 10_000;

export function LiveUpdates({ initialCounts, children }: { initialCounts: LiveCounts; children: React.ReactNode }) {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [counts, setCounts] = useState(initialCounts);
  const listeners = useRef(new Set<(change: LiveChange) => void>());
  const countTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const emit = useCallback((change: LiveChange) => {
    for (const fn of listeners.current) fn(change);
    // Badges follow every change, coalesced: a burst of submissions costs one count.
    if (countTimer.current) return;
    countTimer.current = setTimeout(() => {
      countTimer.current = null;
      fetch("/api/inbox/counts", { cache: "no-store" })
        .then((res) => (res.ok ? (res.json() as Promise<LiveCounts>) : null))
        .then((next) => next && setCounts(next))
        .catch(() => {});
    }, 400);
  }, []);

  useEffect(() => {
    const source = new EventSource("/api/inbox/events");
    let opened = false;
    source.addEventListener("ready", (e) =>
      setStatus((JSON.parse((e as MessageEvent).data) as { live: boolean }).live ? "live" : "degraded"),
    );
    source.addEventListener("change", (e) => emit(JSON.parse((e as MessageEvent).data) as LiveChange));
    // A reconnect may have missed events: catch up at once.
    source.addEventListener("open", () => {
      if (opened) emit({ resync: true });
      opened = true;
    });
    source.addEventListener("error", () => setStatus("degraded"));
    const onVisible = () => document.visibilityState === "visible" && emit({ resync: true });
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      source.close();
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [emit]);

  useEffect(() => {
    const timer = setInterval(() => emit({ resync: true }), status === "live" ? RESYNC_LIVE_MS : RESYNC_DEGRADED_MS);
    return () => clearInterval(timer);
  }, [emit, status]);

  // A server render (navigation, refresh) brings fresh counts: take them over.
  const [fromServer, setFromServer] = useState(initialCounts);
  if (fromServer.inbox !== initialCounts.inbox || fromServer.unread !== initialCounts.unread) {
    setFromServer(initialCounts);
    setCounts(initialCounts);
  }

  const value = useMemo<Live>(
    () => ({
      status,
      counts,
      subscribe: (fn) => {
        listeners.current.add(fn);
        return () => listeners.current.delete(fn);
      },
    }),
    [status, counts],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): Live | null {
  return useContext(LiveContext);
}
