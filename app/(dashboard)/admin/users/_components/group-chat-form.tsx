"use client";

import { useState } from "react";
import { setGroupChatAction } from "../actions.ts";

/** Sets or clears a group's Slack-compatible incoming webhook; the URL is never shown back. */
export function GroupChatForm({ group, configured }: { group: string; configured: boolean }) {
  const [url, setUrl] = useState("");
  const [message, setMessage] = useState("");
  async function save(next: string | null) {
    const result = await setGroupChatAction(group, next);
    setMessage(result.ok ? (next ? "saved" : "cleared") : result.error);
    if (result.ok) setUrl("");
  }
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void save(url);
      }}
    >
      <input
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        type="url"
        required
        aria-label={`Chat webhook URL for ${group}`}
        placeholder={configured ? "replace the URL" : "https://hooks.slack.com/services/…"}
        className="w-72 rounded border border-slate-300 px-2 py-1 font-mono text-xs"
      />
      <button type="submit" className="rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50">
        Save
      </button>
      {configured && (
        <button
          type="button"
          onClick={() => void save(null)}
          className="rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
        >
          Clear
        </button>
      )}
      {message && (
        <span role="status" className="text-xs text-slate-600">
          {message}
        </span>
      )}
    </form>
  );
}
