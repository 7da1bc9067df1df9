"use client";

import { useState } from "react";
import { createAgentAction } from "../actions.ts";
import { NewKeyNotice } from "./new-key-notice.tsx";

const field =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:outline-none focus:ring-2 focus:ring-slate-400";

export function CreateAgentForm() {
  const [error, setError] = useState("");
  const [apiKey, setApiKey] = useState("");

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (k: string) => String(form.get(k) ?? "");
    const result = await createAgentAction({ name: get("name"), scopes: get("scopes"), owner: get("owner"), tags: get("tags") });
    if (result.ok) {
      setError("");
      setApiKey(result.data.apiKey);
    } else setError(result.error);
  }

  return (
    <section aria-labelledby="new-agent" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="new-agent" className="font-semibold">
        New agent
      </h2>
      <form onSubmit={onSubmit} className="mt-2 grid gap-3 sm:grid-cols-4">
        <label className="text-sm text-slate-700">
          Agent name
          <input name="name" required className={field} />
        </label>
        <label className="text-sm text-slate-700">
          Scopes
          <input name="scopes" required placeholder="payments.*, email.send" className={`${field} font-mono`} />
        </label>
        <label className="text-sm text-slate-700">
          Owner email
          <input name="owner" type="email" className={field} />
        </label>
        <label className="text-sm text-slate-700">
          Tags
          <input name="tags" placeholder="prod, billing" className={field} />
        </label>
        <div className="sm:col-span-4">
          <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
            Create agent
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {apiKey && (
        <div className="mt-3">
          <NewKeyNotice apiKey={apiKey} />
        </div>
      )}
    </section>
  );
}
