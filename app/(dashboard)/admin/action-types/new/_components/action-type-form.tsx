"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { saveActionTypeAction } from "../../actions.ts";

const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:outline-none focus:ring-2 focus:ring-slate-400";
const EXAMPLE = `{
  "type": "object",
  "required": ["amount"],
  "additionalProperties": false,
  "properties": {
    "amount": { "type": "number", "exclusiveMinimum": 0 }
  }
}`;

export type ActionTypeValues = {
  key: string;
  name: string;
  description: string | null;
  riskLevel: string;
  allowEdit: boolean;
  sensitiveFields: string[];
  budgetField: string | null;
  autoRejectFlags: string[];
  recipientField: string | null;
  payloadSchema: unknown;
};

/** The JSON Schema is checked as JSON here and as a JSON Schema on the server when saved. */
export function ActionTypeForm({ initial }: { initial?: ActionTypeValues }) {
  const router = useRouter();
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    let payloadSchema: unknown;
    try {
      payloadSchema = JSON.parse(String(form.get("payloadSchema")));
    } catch (e) {
      setError(`The payload schema is not valid JSON: ${(e as Error).message}`);
      return;
    }
    setBusy(true);
    setError("");
    const list = (name: string) =>
      String(form.get(name))
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    const budgetField = String(form.get("budgetField")).trim();
    const recipientField = String(form.get("recipientField")).trim();
    const result = await saveActionTypeAction({
      key: String(form.get("key")).trim(),
      name: String(form.get("name")).trim(),
      riskLevel: form.get("riskLevel"),
      allowEdit: form.get("allowEdit") === "on",
      sensitiveFields: list("sensitiveFields"),
      ...(initial?.description ? { description: initial.description } : {}),
      ...(budgetField ? { budgetField } : {}),
      ...(recipientField ? { recipientField } : {}),
      autoRejectFlags: list("autoRejectFlags"),
      payloadSchema,
    });
    setBusy(false);
    if (result.ok) router.push(`/admin/policies/${result.data.key}`);
    else
      setError(
        [
          result.error,
          ...((result.details as { path: string; message: string }[] | undefined) ?? []).map((d) => `${d.path}: ${d.message}`),
        ].join("\n"),
      );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block text-sm font-medium text-slate-700">
          Key
          <input
            name="key"
            required
            placeholder="payments.refund"
            defaultValue={initial?.key}
            readOnly={!!initial}
            className={`${field} font-mono read-only:bg-slate-100`}
          />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Name
          <input name="name" required placeholder="Refund a payment" defaultValue={initial?.name} className={field} />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Risk level
          <select name="riskLevel" defaultValue={initial?.riskLevel ?? "high"} className={field}>
            <option>low</option>
            <option>medium</option>
            <option>high</option>
            <option>critical</option>
          </select>
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Sensitive fields (JSON pointers, comma-separated)
          <input
            name="sensitiveFields"
            placeholder="/to, /account"
            defaultValue={initial?.sensitiveFields.join(", ")}
            className={`${field} font-mono`}
          />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Budget field (JSON pointer to a number, summed into agents&apos; budgets)
          <input name="budgetField" placeholder="/amount" defaultValue={initial?.budgetField ?? ""} className={`${field} font-mono`} />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Recipient field (JSON pointer; reviewers see first-time recipients)
          <input name="recipientField" placeholder="/to" defaultValue={initial?.recipientField ?? ""} className={`${field} font-mono`} />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Automatic rejects (risk flags, comma-separated)
          <input
            name="autoRejectFlags"
            placeholder="sql.destructive, path.traversal"
            defaultValue={initial?.autoRejectFlags.join(", ")}
            className={`${field} font-mono`}
          />
        </label>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="allowEdit" defaultChecked={initial?.allowEdit} /> Reviewers may edit the payload before approving
      </label>
      <label className="block text-sm font-medium text-slate-700">
        Payload JSON Schema (draft 2020-12)
        <textarea
          name="payloadSchema"
          rows={12}
          defaultValue={initial ? JSON.stringify(initial.payloadSchema, null, 2) : EXAMPLE}
          spellCheck={false}
          className={`${field} font-mono`}
        />
      </label>
      {error && (
        <p role="alert" className="whitespace-pre-wrap rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
      >
        {busy ? "Saving…" : initial ? "Save action type" : "Create action type"}
      </button>
    </form>
  );
}
