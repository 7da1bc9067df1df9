"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { DryRunResult } from "@/lib/domain/policies/dry-run-policy.ts";
import type { ActionResult } from "../../../run-admin-action.ts";
import { dryRunAction, publishDraftAction, saveDraftAction } from "../actions.ts";
import { RuleFields, type EditableRule } from "./rule-fields.tsx";

type ConfigRule = Record<string, unknown>;

function toEditable(r: ConfigRule): EditableRule {
  return {
    name: String(r.name ?? ""),
    when: String(r.when ?? ""),
    outcome: (r.outcome as EditableRule["outcome"]) ?? "review",
    approvals: r.approvals === undefined ? "1" : String(r.approvals),
    groups: Array.isArray(r.groups) ? r.groups.join(", ") : "",
    distinctGroups: r.distinctGroups === true,
    ownerMayApprove: r.ownerMayApprove === true,
    timeoutSeconds: r.timeoutSeconds === undefined ? "" : String(r.timeoutSeconds),
    allowEdit: r.allowEdit === undefined ? "" : r.allowEdit ? "true" : "false",
    rejectNeedsComment: r.rejectNeedsComment !== false,
    onTimeout: r.onTimeout === "escalate" ? "escalate" : "reject",
    escalateToGroups: Array.isArray(r.escalateToGroups) ? r.escalateToGroups.join(", ") : "",
    escalateAfterSeconds: r.escalateAfterSeconds === undefined ? "" : String(r.escalateAfterSeconds),
  };
}

function toConfig(r: EditableRule): ConfigRule {
  const out: ConfigRule = { name: r.name.trim(), outcome: r.outcome };
  if (r.when.trim()) out.when = r.when.trim();
  if (r.outcome === "review") {
    if (r.approvals.trim()) out.approvals = Number(r.approvals);
    const groups = r.groups
      .split(",")
      .map((g) => g.trim())
      .filter(Boolean);
    if (groups.length) out.groups = groups;
    if (r.distinctGroups) out.distinctGroups = true;
    if (r.ownerMayApprove) out.ownerMayApprove = true;
    if (r.timeoutSeconds.trim()) out.timeoutSeconds = Number(r.timeoutSeconds);
    if (r.allowEdit) out.allowEdit = r.allowEdit === "true";
    if (!r.rejectNeedsComment) out.rejectNeedsComment = false;
    if (r.onTimeout === "escalate") {
      out.onTimeout = "escalate";
      out.escalateToGroups = r.escalateToGroups
        .split(",")
        .map((g) => g.trim())
        .filter(Boolean);
      if (r.escalateAfterSeconds.trim()) out.escalateAfterSeconds = Number(r.escalateAfterSeconds);
    }
  }
  return out;
}

function problems(result: ActionResult): string {
  if (result.ok) return "";
  const details = Array.isArray(result.details) ? (result.details as { path: string; message: string }[]) : [];
  return [result.error, ...details.map((d) => `${d.path}: ${d.message}`)].join("\n");
}

export function PolicyEditor(props: { action: string; initialRules: ConfigRule[]; fields: string[]; canEdit: boolean; hasDraft: boolean }) {
  const router = useRouter();
  const [rules, setRules] = useState<EditableRule[]>(() => props.initialRules.map(toEditable));
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [sample, setSample] = useState('{\n  "payload": {}\n}');
  const [replay, setReplay] = useState("50");
  const [dryRun, setDryRun] = useState<DryRunResult | null>(null);

  const update = (i: number, rule: EditableRule) => setRules(rules.map((r, j) => (j === i ? rule : r)));
  const move = (i: number, by: number) => {
    const next = [...rules];
    const [r] = next.splice(i, 1);
    next.splice(i + by, 0, r!);
    setRules(next);
  };

  async function act(fn: () => Promise<ActionResult>, success: string) {
    setBusy(true);
    setMessage(null);
    const result = await fn();
    setBusy(false);
    setMessage(result.ok ? { kind: "ok", text: success } : { kind: "error", text: problems(result) });
    if (result.ok) router.refresh();
    return result;
  }

  async function runDryRun() {
    let parsed: unknown;
    try {
      parsed = JSON.parse(sample);
    } catch {
      setMessage({ kind: "error", text: "The sample is not valid JSON." });
      return;
    }
    const result = await act(() => dryRunAction(props.action, rules.map(toConfig), parsed, Number(replay) || 0), "Dry run done.");
    setDryRun(result.ok ? (result.data as DryRunResult) : null);
  }

  return (
    <div className="space-y-4">
      <ol className="space-y-3">
        {rules.map((rule, i) => (
          <li key={i} data-testid="rule" className="rounded-lg border border-slate-200 bg-white p-3">
            <div className="mb-2 flex items-center gap-2 text-xs text-slate-500">
              <span className="font-semibold text-slate-700">#{i + 1}</span> first match wins
              {props.canEdit && (
                <span className="ml-auto flex gap-1">
                  <button
                    type="button"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                    className="rounded border px-2 disabled:opacity-40"
                    aria-label={`Move rule ${i + 1} up`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    disabled={i === rules.length - 1}
                    onClick={() => move(i, 1)}
                    className="rounded border px-2 disabled:opacity-40"
                    aria-label={`Move rule ${i + 1} down`}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    onClick={() => setRules(rules.filter((_, j) => j !== i))}
                    className="rounded border px-2 text-red-700"
                  >
                    Remove
                  </button>
                </span>
              )}
            </div>
            <RuleFields rule={rule} index={i} fields={props.fields} readOnly={!props.canEdit} onChange={(r) => update(i, r)} />
          </li>
        ))}
      </ol>
      {rules.length === 0 && <p className="text-sm text-slate-600">No rules: every request goes to review.</p>}

      {props.canEdit && (
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            onClick={() => setRules([...rules, toEditable({ name: `rule ${rules.length + 1}`, outcome: "review" })])}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
          >
            Add rule
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => void act(() => saveDraftAction(props.action, rules.map(toConfig)), "Draft saved.")}
            className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
          >
            Save draft
          </button>
          <button
            type="button"
            disabled={busy || !props.hasDraft}
            onClick={() => void act(() => publishDraftAction(props.action), "Published as a new version.")}
            title={props.hasDraft ? "" : "Save a draft first"}
            className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800 disabled:opacity-60"
          >
            Publish draft
          </button>
        </div>
      )}
      {message && (
        <p
          role={message.kind === "error" ? "alert" : "status"}
          data-testid="policy-message"
          className={`whitespace-pre-wrap rounded-md px-3 py-2 text-sm ${message.kind === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-800"}`}
        >
          {message.text}
        </p>
      )}

      <section aria-labelledby="dry-run-title" className="rounded-lg border border-slate-200 bg-white p-3">
        <h2 id="dry-run-title" className="font-semibold">
          Dry run
        </h2>
        <p className="text-xs text-slate-500">Tries the rules above (unsaved edits included) without publishing them.</p>
        <label className="mt-2 block text-xs text-slate-500">
          Sample request (JSON: payload, agent?, summary?, context?)
          <textarea
            value={sample}
            onChange={(e) => setSample(e.target.value)}
            rows={4}
            spellCheck={false}
            aria-label="Sample request"
            className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 font-mono text-sm"
          />
        </label>
        <label className="mt-2 flex items-center gap-2 text-xs text-slate-500">
          Replay the last
          <input
            value={replay}
            onChange={(e) => setReplay(e.target.value)}
            inputMode="numeric"
            aria-label="Replay count"
            className="w-16 rounded border border-slate-300 px-2 py-1 text-sm"
          />
          real requests
        </label>
        <button
          type="button"
          disabled={busy}
          onClick={() => void runDryRun()}
          className="mt-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
        >
          Run dry run
        </button>
        {dryRun && (
          <div data-testid="dry-run-result" className="mt-3 space-y-2 text-sm">
            {dryRun.sample && (
              <p>
                Sample → <strong>{dryRun.sample.outcome}</strong> ({dryRun.sample.reason})
              </p>
            )}
            {dryRun.replay && (
              <div>
                <p>
                  {dryRun.replay.checked} recent requests checked; {dryRun.replay.changed.length} would change.
                </p>
                <ul className="mt-1 space-y-0.5 font-mono text-xs">
                  {dryRun.replay.changed.map((c) => (
                    <li key={c.requestId}>
                      {c.requestId}: {c.before} → {c.after} ({c.reason})
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
