"use client";

import { ConditionBuilder } from "./condition-builder.tsx";

/** A rule as the editor holds it: the config format, with lists as comma-separated text. */
export type EditableRule = {
  name: string;
  when: string;
  outcome: "allow" | "deny" | "review";
  approvals: string;
  groups: string;
  distinctGroups: boolean;
  ownerMayApprove: boolean;
  timeoutSeconds: string;
  /** "" inherits the action type's setting. */
  allowEdit: "" | "true" | "false";
  rejectNeedsComment: boolean;
  onTimeout: "reject" | "escalate";
  escalateToGroups: string;
  escalateAfterSeconds: string;
};

const input = "rounded border border-slate-300 px-2 py-1 text-sm focus:outline-none focus:ring-2 focus:ring-slate-400";

export function RuleFields(props: {
  rule: EditableRule;
  index: number;
  fields: string[];
  readOnly: boolean;
  onChange: (rule: EditableRule) => void;
}) {
  const { rule, index, readOnly } = props;
  const set = (patch: Partial<EditableRule>) => props.onChange({ ...rule, ...patch });
  return (
    <fieldset disabled={readOnly} className="space-y-2">
      <div className="flex flex-wrap gap-3">
        <label className="flex flex-col text-xs text-slate-500">
          Name
          <input
            value={rule.name}
            onChange={(e) => set({ name: e.target.value })}
            aria-label={`Rule ${index + 1} name`}
            className={input}
          />
        </label>
        <label className="flex flex-col text-xs text-slate-500">
          Outcome
          <select
            value={rule.outcome}
            onChange={(e) => set({ outcome: e.target.value as EditableRule["outcome"] })}
            aria-label={`Rule ${index + 1} outcome`}
            className={input}
          >
            <option value="allow">allow</option>
            <option value="deny">deny</option>
            <option value="review">review</option>
          </select>
        </label>
        {rule.outcome === "review" && (
          <>
            <label className="flex flex-col text-xs text-slate-500">
              Approvals
              <input
                value={rule.approvals}
                onChange={(e) => set({ approvals: e.target.value })}
                inputMode="numeric"
                aria-label={`Rule ${index + 1} approvals`}
                className={`${input} w-20`}
              />
            </label>
            <label className="flex flex-col text-xs text-slate-500">
              Groups (comma-separated)
              <input
                value={rule.groups}
                onChange={(e) => set({ groups: e.target.value })}
                aria-label={`Rule ${index + 1} groups`}
                className={input}
              />
            </label>
            <label className="flex flex-col text-xs text-slate-500">
              Time to decide (s)
              <input
                value={rule.timeoutSeconds}
                onChange={(e) => set({ timeoutSeconds: e.target.value })}
                inputMode="numeric"
                aria-label={`Rule ${index + 1} timeout`}
                className={`${input} w-28`}
              />
            </label>
            <label className="flex flex-col text-xs text-slate-500">
              Reviewers may edit
              <select
                value={rule.allowEdit}
                onChange={(e) => set({ allowEdit: e.target.value as EditableRule["allowEdit"] })}
                aria-label={`Rule ${index + 1} edit`}
                className={input}
              >
                <option value="">as the action type</option>
                <option value="true">yes</option>
                <option value="false">no</option>
              </select>
            </label>
            <label className="flex items-center gap-1 self-end text-xs text-slate-700">
              <input type="checkbox" checked={rule.distinctGroups} onChange={(e) => set({ distinctGroups: e.target.checked })} /> distinct
              groups
            </label>
            <label className="flex items-center gap-1 self-end text-xs text-slate-700">
              <input type="checkbox" checked={rule.ownerMayApprove} onChange={(e) => set({ ownerMayApprove: e.target.checked })} /> owner
              may approve
            </label>
            <label className="flex items-center gap-1 self-end text-xs text-slate-700">
              <input type="checkbox" checked={rule.rejectNeedsComment} onChange={(e) => set({ rejectNeedsComment: e.target.checked })} />{" "}
              reject needs a comment
            </label>
            <label className="flex flex-col text-xs text-slate-500">
              On timeout
              <select
                value={rule.onTimeout}
                onChange={(e) => set({ onTimeout: e.target.value as EditableRule["onTimeout"] })}
                aria-label={`Rule ${index + 1} on timeout`}
                className={input}
              >
                <option value="reject">reject (expire)</option>
                <option value="escalate">escalate</option>
              </select>
            </label>
            {rule.onTimeout === "escalate" && (
              <>
                <label className="flex flex-col text-xs text-slate-500">
                  Escalate to groups
                  <input
                    value={rule.escalateToGroups}
                    onChange={(e) => set({ escalateToGroups: e.target.value })}
                    aria-label={`Rule ${index + 1} escalation groups`}
                    className={input}
                  />
                </label>
                <label className="flex flex-col text-xs text-slate-500">
                  New deadline (s)
                  <input
                    value={rule.escalateAfterSeconds}
                    onChange={(e) => set({ escalateAfterSeconds: e.target.value })}
                    inputMode="numeric"
                    aria-label={`Rule ${index + 1} escalation deadline`}
                    className={`${input} w-28`}
                  />
                </label>
              </>
            )}
          </>
        )}
      </div>
      <label className="flex flex-col text-xs text-slate-500">
        Condition (CEL; empty matches everything)
        <textarea
          value={rule.when}
          onChange={(e) => set({ when: e.target.value })}
          rows={2}
          spellCheck={false}
          aria-label={`Rule ${index + 1} condition`}
          className={`${input} font-mono`}
        />
      </label>
      {!readOnly && (
        <ConditionBuilder
          index={index}
          fields={props.fields}
          onAdd={(cel) => set({ when: rule.when.trim() ? `${rule.when.trim()} && ${cel}` : cel })}
        />
      )}
    </fieldset>
  );
}
