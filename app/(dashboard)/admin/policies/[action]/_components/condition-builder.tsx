"use client";

import { useState } from "react";

const OPERATORS = ["==", "!=", ">", ">=", "<", "<=", "in"] as const;

/** Writes CEL for common conditions (`payload.amount > 1000`); the result stays editable as text. */
export function ConditionBuilder({ fields, onAdd, index }: { fields: string[]; onAdd: (cel: string) => void; index: number }) {
  const [field, setField] = useState(fields[0] ?? "");
  const [op, setOp] = useState<(typeof OPERATORS)[number]>(">");
  const [value, setValue] = useState("");

  function literal(raw: string): string {
    const v = raw.trim();
    if (op === "in")
      return `[${v
        .split(",")
        .map((x) => literal1(x.trim()))
        .join(", ")}]`;
    return literal1(v);
  }
  function literal1(v: string): string {
    if (/^-?\d+(\.\d+)?$/.test(v) || v === "true" || v === "false" || v === "null") return v;
    return JSON.stringify(v.replace(/^["']|["']$/g, ""));
  }

  return (
    <div className="mt-2 flex flex-wrap items-end gap-2 rounded-md bg-slate-50 p-2 text-xs" data-testid={`builder-${index}`}>
      <label className="flex flex-col">
        <span className="text-slate-500">Field</span>
        <input
          list={`fields-${index}`}
          value={field}
          onChange={(e) => setField(e.target.value)}
          aria-label="Condition field"
          className="w-40 rounded border border-slate-300 px-2 py-1 font-mono"
        />
        <datalist id={`fields-${index}`}>
          {fields.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
      </label>
      <label className="flex flex-col">
        <span className="text-slate-500">Operator</span>
        <select
          value={op}
          onChange={(e) => setOp(e.target.value as (typeof OPERATORS)[number])}
          aria-label="Condition operator"
          className="rounded border border-slate-300 px-2 py-1"
        >
          {OPERATORS.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        <span className="text-slate-500">Value</span>
        <input
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-label="Condition value"
          placeholder={op === "in" ? "USD, EUR" : "1000"}
          className="w-32 rounded border border-slate-300 px-2 py-1 font-mono"
        />
      </label>
      <button
        type="button"
        disabled={!field || !value.trim()}
        onClick={() => onAdd(`${field} ${op} ${literal(value)}`)}
        className="rounded border border-slate-300 bg-white px-2 py-1 font-medium hover:bg-slate-100 disabled:opacity-50"
      >
        Add to condition
      </button>
    </div>
  );
}
