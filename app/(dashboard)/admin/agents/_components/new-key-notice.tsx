/** A new API key, shown once: it is stored only as a hash. */
export function NewKeyNotice({ apiKey }: { apiKey: string }) {
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-medium text-amber-950">Copy this key now — it will not be shown again.</p>
      <code data-testid="new-api-key" className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-xs">
        {apiKey}
      </code>
    </div>
  );
}
