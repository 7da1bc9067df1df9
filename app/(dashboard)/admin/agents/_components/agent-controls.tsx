"use client";

import { useState } from "react";
import type { ActionResult } from "../../run-admin-action.ts";
import { killAgentAction, revokeKeyAction, rotateKeyAction, setAgentRunningAction, updateAgentAction } from "../actions.ts";
import { NewKeyNotice } from "./new-key-notice.tsx";

const button = "rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-50 disabled:opacity-50";

type Props = {
  agentId: string;
  name: string;
  status: string;
  activeKeys: string[];
  scopes: string[];
  tags: string[];
  owner: string | null;
};

export function AgentControls({ agentId, name, status, activeKeys, ...current }: Props) {
  const [edit, setEdit] = useState({ scopes: current.scopes.join(", "), tags: current.tags.join(", "), owner: current.owner ?? "" });
  const [error, setError] = useState("");
  const [apiKey, setApiKey] = useState("");
  const [grace, setGrace] = useState("3600");
  const [confirmKill, setConfirmKill] = useState(false);

  async function run(fn: () => Promise<ActionResult>) {
    const result = await fn();
    setError(result.ok ? "" : result.error);
    return result;
  }

  return (
    <div className="mt-3 space-y-2 border-t border-slate-100 pt-3">
      <div className="flex flex-wrap items-center gap-2">
        {status === "active" ? (
          <button type="button" className={button} onClick={() => void run(() => setAgentRunningAction(agentId, false))}>
            Pause
          </button>
        ) : (
          <button type="button" className={button} onClick={() => void run(() => setAgentRunningAction(agentId, true))}>
            Resume
          </button>
        )}
        <label className="flex items-center gap-1 text-sm text-slate-600">
          grace (s)
          <input
            value={grace}
            onChange={(e) => setGrace(e.target.value)}
            inputMode="numeric"
            aria-label="Grace period in seconds"
            className="w-20 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <button
          type="button"
          className={button}
          onClick={async () => {
            const result = await run(() => rotateKeyAction(agentId, Number(grace) || 0));
            if (result.ok) setApiKey((result.data as { apiKey: string }).apiKey);
          }}
        >
          Rotate key
        </button>
        {activeKeys.map((prefix) => (
          <button key={prefix} type="button" className={button} onClick={() => void run(() => revokeKeyAction(agentId, prefix))}>
            Revoke {prefix.slice(0, 6)}…
          </button>
        ))}
        {confirmKill ? (
          <>
            <span className="text-sm text-red-800">Disable the agent and cancel all its pending requests?</span>
            <button
              type="button"
              className="rounded-md bg-red-700 px-2.5 py-1 text-sm text-white"
              onClick={() => void run(() => killAgentAction(agentId)).then(() => setConfirmKill(false))}
            >
              Yes, stop it
            </button>
            <button type="button" className={button} onClick={() => setConfirmKill(false)}>
              No
            </button>
          </>
        ) : (
          <button
            type="button"
            className="rounded-md border border-red-300 px-2.5 py-1 text-sm text-red-800 hover:bg-red-50"
            onClick={() => setConfirmKill(true)}
          >
            Kill switch
          </button>
        )}
      </div>
      <form
        className="flex flex-wrap items-end gap-2 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => updateAgentAction(agentId, edit));
        }}
      >
        <label className="text-slate-600">
          Scopes
          <input
            aria-label={`Scopes of ${name}`}
            value={edit.scopes}
            onChange={(e) => setEdit({ ...edit, scopes: e.target.value })}
            className="ml-1 w-48 rounded border border-slate-300 px-2 py-1 font-mono"
          />
        </label>
        <label className="text-slate-600">
          Tags
          <input
            aria-label={`Tags of ${name}`}
            value={edit.tags}
            onChange={(e) => setEdit({ ...edit, tags: e.target.value })}
            className="ml-1 w-32 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="text-slate-600">
          Owner
          <input
            aria-label={`Owner of ${name}`}
            value={edit.owner}
            onChange={(e) => setEdit({ ...edit, owner: e.target.value })}
            type="email"
            className="ml-1 w-48 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <button type="submit" className={button}>
          Save
        </button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {apiKey && <NewKeyNotice apiKey={apiKey} />}
    </div>
  );
}
