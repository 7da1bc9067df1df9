"use client";

import { useState } from "react";
import type { ActionResult } from "../../../../run-admin-action.ts";
import { removeBudgetAction, saveBudgetAction, saveLimitsAction } from "../actions.ts";

const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm";
const button = "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50";

type Settings = Record<"submitsPerMinute" | "maxPending" | "maxPayloadBytes" | "breakerThreshold" | "breakerWindowSeconds", number | null>;

const FIELDS: { key: keyof Settings; label: string }[] = [
  { key: "submitsPerMinute", label: "Submissions per minute" },
  { key: "maxPending", label: "Maximum pending requests" },
  { key: "maxPayloadBytes", label: "Maximum payload size (bytes)" },
  { key: "breakerThreshold", label: "Breaker: strikes that pause the agent (0: off)" },
  { key: "breakerWindowSeconds", label: "Breaker: window (seconds)" },
];

/** Empty means "the deployment default", shown as the placeholder. */
export function LimitsForm({ agentId, settings, effective }: { agentId: string; settings: Settings; effective: Settings }) {
  const [error, setError] = useState("");
  const [saved, setSaved] = useState(false);
  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const limits = Object.fromEntries(
      FIELDS.map(({ key }) => {
        const raw = String(form.get(key) ?? "").trim();
        return [key, raw === "" ? null : Number(raw)];
      }),
    );
    const result = await saveLimitsAction(agentId, limits);
    setSaved(result.ok);
    setError(result.ok ? "" : describe(result));
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Limits">
      <div className="grid gap-3 sm:grid-cols-2">
        {FIELDS.map(({ key, label }) => (
          <label key={key} className="block text-sm text-slate-700">
            {label}
            <input
              name={key}
              inputMode="numeric"
              defaultValue={settings[key] ?? ""}
              placeholder={`default: ${effective[key]}`}
              className={field}
            />
          </label>
        ))}
      </div>
      {error && (
        <p role="alert" className="whitespace-pre-wrap text-sm text-red-700">
          {error}
        </p>
      )}
      {saved && (
        <p role="status" className="text-sm text-emerald-800">
          Saved.
        </p>
      )}
      <button type="submit" className={button}>
        Save limits
      </button>
    </form>
  );
}

export function BudgetForm({ agentId, actions }: { agentId: string; actions: string[] }) {
  const [error, setError] = useState("");
  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const window = String(form.get("windowSeconds") ?? "").trim();
    const result = await saveBudgetAction(agentId, {
      action: String(form.get("action")),
      limit: String(form.get("limit")).trim(),
      windowSeconds: window === "" ? null : Number(window),
      onExceed: form.get("onExceed") === "reject" ? "reject" : "review",
    });
    setError(result.ok ? "" : describe(result));
  }
  if (actions.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No action type names a budget field yet (set <code>budgetField</code> on one).
      </p>
    );
  return (
    <form
      onSubmit={onSubmit}
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      aria-label="Set a budget"
    >
      <label className="text-slate-700">
        Action type
        <select name="action" className={field}>
          {actions.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      </label>
      <label className="text-slate-700">
        Limit
        <input name="limit" required inputMode="decimal" placeholder="1000" className={field} />
      </label>
      <label className="text-slate-700">
        Window (s; empty: the UTC day)
        <input name="windowSeconds" inputMode="numeric" className={field} />
      </label>
      <label className="text-slate-700">
        Over budget
        <select name="onExceed" className={field}>
          <option value="review">review instead of allow</option>
          <option value="reject">reject</option>
        </select>
      </label>
      <button type="submit" className={button}>
        Set budget
      </button>
      {error && (
        <p role="alert" className="w-full whitespace-pre-wrap text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}

export function RemoveBudgetButton({ agentId, action }: { agentId: string; action: string }) {
  return (
    <button type="button" className={button} onClick={() => void removeBudgetAction(agentId, action)}>
      Remove
    </button>
  );
}

function describe(result: ActionResult): string {
  if (result.ok) return "";
  const details = Array.isArray(result.details)
    ? (result.details as { path?: string; message?: string }[]).map((d) => `${d.path ?? ""}: ${d.message ?? ""}`)
    : [];
  return [result.error, ...details].join("\n");
}
