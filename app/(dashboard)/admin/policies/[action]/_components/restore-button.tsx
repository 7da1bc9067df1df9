"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { restoreVersionAction } from "../actions.ts";

export function RestoreButton({ action, version }: { action: string; version: number }) {
  const router = useRouter();
  const [error, setError] = useState("");
  return (
    <>
      <button
        type="button"
        className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
        onClick={async () => {
          const result = await restoreVersionAction(action, version);
          if (result.ok) router.refresh();
          else setError(result.error);
        }}
      >
        Restore as new version
      </button>
      {error && (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {error}
        </span>
      )}
    </>
  );
}
