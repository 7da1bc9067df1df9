"use client";

import { useTransition } from "react";
import { markAllReadAction } from "../actions.ts";

export function MarkAllReadButton() {
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => start(() => markAllReadAction())}
      className="rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-50 disabled:opacity-50"
    >
      Mark all as read
    </button>
  );
}
