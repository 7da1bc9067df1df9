"use client";

import { useState } from "react";
import type { ActionResult } from "../../../../run-admin-action.ts";
import { removeWebhookAction, rotateWebhookSecretAction, setWebhookAction } from "../actions.ts";

const button = "rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-50 disabled:opacity-50";

type Props = { agentId: string; url: string; events: string[]; allEvents: readonly string[]; configured: boolean };

/** URL, events and secret rotation of one agent's endpoint. A new secret is shown once. */
export function WebhookSettings({ agentId, allEvents, configured, ...current }: Props) {
  const [url, setUrl] = useState(current.url);
  const [events, setEvents] = useState(new Set(current.events.length ? current.events : allEvents));
  const [grace, setGrace] = useState("86400");
  const [error, setError] = useState("");
  const [secret, setSecret] = useState("");

  async function run(fn: () => Promise<ActionResult>) {
    const result = await fn();
    setError(result.ok ? "" : result.error);
    const data = result.ok ? (result.data as { secret?: string | null }) : null;
    if (data?.secret) setSecret(data.secret);
  }

  return (
    <div className="space-y-3">
      <form
        className="space-y-2 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => setWebhookAction(agentId, { url, events: [...events] }));
        }}
      >
        <label className="block text-slate-700">
          Endpoint URL
          <input
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            required
            type="url"
            placeholder="https://agent.example.com/countersign"
            className="mt-1 block w-full max-w-xl rounded border border-slate-300 px-2 py-1 font-mono"
          />
        </label>
        <fieldset className="flex flex-wrap gap-3">
          <legend className="mb-1 text-slate-700">Events</legend>
          {allEvents.map((ev) => (
            <label key={ev} className="flex items-center gap-1 font-mono text-xs">
              <input
                type="checkbox"
                checked={events.has(ev)}
                onChange={(e) => {
                  const next = new Set(events);
                  if (e.target.checked) next.add(ev);
                  else next.delete(ev);
                  setEvents(next);
                }}
              />
              {ev}
            </label>
          ))}
        </fieldset>
        <button type="submit" className={button}>
          {configured ? "Save (and re-enable)" : "Create endpoint"}
        </button>
      </form>
      {configured && (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <label className="flex items-center gap-1 text-slate-600">
            previous secret keeps signing for (s)
            <input
              value={grace}
              onChange={(e) => setGrace(e.target.value)}
              inputMode="numeric"
              aria-label="Grace period in seconds"
              className="w-24 rounded border border-slate-300 px-2 py-1"
            />
          </label>
          <button type="button" className={button} onClick={() => void run(() => rotateWebhookSecretAction(agentId, Number(grace) || 0))}>
            Rotate secret
          </button>
          <button
            type="button"
            className={button}
            onClick={() => {
              if (window.confirm("Remove this endpoint? Decisions are no longer pushed to it, and its delivery log is deleted."))
                void run(() => removeWebhookAction(agentId));
            }}
          >
            Remove endpoint
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {secret && (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-950">Copy this signing secret now — it will not be shown again.</p>
          <code data-testid="new-webhook-secret" className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-xs">
            {secret}
          </code>
        </div>
      )}
    </div>
  );
}
