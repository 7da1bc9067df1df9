// Filter forms for the list pages: plain GET forms, so they work without script and every view
// has a URL a reviewer can share.

const control =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-400";

export function FilterSelect({ name, label, value, children }: { name: string; label: string; value?: string; children: React.ReactNode }) {
  return (
    <label className="block min-w-0 text-xs font-medium text-slate-700">
      {label}
      <select name={name} defaultValue={value ?? ""} className={control}>
        {children}
      </select>
    </label>
  );
}

type FilterOptions = { actionTypes: { key: string; name: string }[]; agents: { id: string; name: string }[] };

/** The action type and agent choices shared by the inbox and the history. */
export function ActionAndAgentSelects({ options, action, agent }: { options: FilterOptions; action?: string; agent?: string }) {
  return (
    <>
      <FilterSelect name="action" label="Action type" value={action}>
        <option value="">All action types</option>
        {options.actionTypes.map((t) => (
          <option key={t.key} value={t.key}>
            {t.name} ({t.key})
          </option>
        ))}
      </FilterSelect>
      <FilterSelect name="agent" label="Agent" value={agent}>
        <option value="">All agents</option>
        {options.agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </FilterSelect>
    </>
  );
}

export function FilterInput({ name, label, value, placeholder }: { name: string; label: string; value?: string; placeholder?: string }) {
  return (
    <label className="block min-w-0 text-xs font-medium text-slate-700">
      {label}
      <input type="search" name={name} defaultValue={value ?? ""} placeholder={placeholder} maxLength={200} className={control} />
    </label>
  );
}

export function FilterForm({
  action,
  label,
  columns,
  children,
}: {
  action: string;
  label: string;
  columns: string;
  children: React.ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={label}
      className={`mt-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:grid-cols-3 ${columns}`}
    >
      {children}
      <div className="col-span-2 flex items-end gap-2 sm:col-span-1">
        <button
          type="submit"
          className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 focus-visible:ring-offset-2"
        >
          Apply
        </button>
        <a
          href={action}
          className="rounded-md px-2 py-1.5 text-sm text-slate-700 underline-offset-2 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
        >
          Clear
        </a>
      </div>
    </form>
  );
}

/** "?a=1&b=2" from the non-empty values, for page links that keep the filters. */
export function queryHref(path: string, values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export function PageLinks({ firstHref, nextHref }: { firstHref: string | null; nextHref: string | null }) {
  if (!firstHref && !nextHref) return null;
  const link =
    "rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400";
  return (
    <nav aria-label="Pages" className="mt-3 flex gap-3 text-sm">
      {firstHref && (
        <a href={firstHref} className={link}>
          ← First page
        </a>
      )}
      {nextHref && (
        <a href={nextHref} data-testid="next-page" className={link}>
          Next page →
        </a>
      )}
    </nav>
  );
}
