import type { TInboxQuery } from "@/lib/reviews/inbox-query.ts";

type Options = { actionTypes: { key: string; name: string }[]; agents: { id: string; name: string }[] };

const control = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-400";

function Select({ name, label, value, children }: { name: string; label: string; value?: string; children: React.ReactNode }) {
  return (
    <label className="block min-w-0 text-xs font-medium text-slate-600">
      {label}
      <select name={name} defaultValue={value ?? ""} className={control}>{children}</select>
    </label>
  );
}

/** The inbox's filters and sort, as a plain GET form: works without script, and the URL can be shared. */
export function InboxFilters({ query, options }: { query: TInboxQuery; options: Options }) {
  return (
    <form method="get" action="/inbox" role="search" aria-label="Filter the inbox" className="mt-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:grid-cols-3 lg:grid-cols-[repeat(5,minmax(0,1fr))_auto]">
      <Select name="action" label="Action type" value={query.action}>
        <option value="">All action types</option>
        {options.actionTypes.map((t) => <option key={t.key} value={t.key}>{t.name} ({t.key})</option>)}
      </Select>
      <Select name="agent" label="Agent" value={query.agent}>
        <option value="">All agents</option>
        {options.agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
      </Select>
      <Select name="risk" label="Risk" value={query.risk}>
        <option value="">Any risk</option>
        <option value="flagged">Flagged by the platform</option>
        <option value="medium">Medium and above</option>
        <option value="high">High and above</option>
        <option value="critical">Critical only</option>
      </Select>
      <Select name="age" label="Waiting" value={query.age}>
        <option value="">Any time</option>
        <option value="15m">More than 15 min</option>
        <option value="1h">More than 1 hour</option>
        <option value="4h">More than 4 hours</option>
        <option value="24h">More than a day</option>
      </Select>
      <Select name="sort" label="Sort by" value={query.sort}>
        <option value="deadline">Deadline (soonest first)</option>
        <option value="risk">Risk score (highest first)</option>
        <option value="age">Age (oldest first)</option>
      </Select>
      <div className="col-span-2 flex items-end gap-2 sm:col-span-1">
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 focus-visible:ring-offset-2">Apply</button>
        <a href="/inbox" className="rounded-md px-2 py-1.5 text-sm text-slate-600 underline-offset-2 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400">Clear</a>
      </div>
    </form>
  );
}
