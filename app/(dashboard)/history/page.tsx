import Link from "next/link";
import { requireSessionActor } from "@/lib/web/session.ts";
import { parseHistoryQuery, type THistoryQuery } from "@/lib/domain/reviews/history-query.ts";
import { listHistory } from "@/lib/domain/reviews/list-history.ts";
import { listInboxFilterOptions } from "@/lib/domain/reviews/list-inbox-filter-options.ts";
import { ActionAndAgentSelects, FilterForm, FilterInput, FilterSelect, PageLinks, queryHref } from "../_components/filter-form.tsx";
import { absoluteTime, relativeTime, STATUS_STYLES } from "../_components/format.ts";
import { VisibleText } from "../_components/visible-text.tsx";

export const metadata = { title: "History · Countersign" };

const href = (q: THistoryQuery, cursor?: string) =>
  queryHref("/history", { ...q, period: q.period === "30d" ? undefined : q.period, cursor });

// GET /history — decided requests, newest first, with filters and search
export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSessionActor("/history");
  const query = parseHistoryQuery(await searchParams);
  const [history, options] = await Promise.all([listHistory({ actor, query }), listInboxFilterOptions({ actor })]);
  const now = new Date();
  return (
    <section aria-labelledby="history-title">
      <h1 id="history-title" className="text-xl font-semibold tracking-tight">
        History
      </h1>
      <p className="mt-1 text-sm text-slate-700">
        Decided requests, newest decision first. Search by request id or payload hash (any time), or by words in the agent&apos;s summary
        (within the period).
      </p>
      <FilterForm action="/history" label="Search the history" columns="lg:grid-cols-[minmax(0,2fr)_repeat(5,minmax(0,1fr))_auto]">
        <div className="col-span-2 sm:col-span-3 lg:col-span-1">
          <FilterInput name="q" label="Search" value={query.q} placeholder="id, sha256:…, or words" />
        </div>
        <FilterSelect name="status" label="Outcome" value={query.status}>
          <option value="">Any outcome</option>
          <option value="approved">Approved</option>
          <option value="rejected">Rejected</option>
          <option value="expired">Expired</option>
          <option value="cancelled">Cancelled</option>
        </FilterSelect>
        <FilterSelect name="by" label="Decided by" value={query.by}>
          <option value="">Anyone</option>
          <option value="reviewers">Reviewers</option>
          <option value="policy">Policy</option>
          <option value="timeout">Timeout</option>
          <option value="agent">Agent (cancelled)</option>
        </FilterSelect>
        <ActionAndAgentSelects options={options} action={query.action} agent={query.agent} />
        <FilterSelect name="period" label="Decided in" value={query.period}>
          <option value="24h">Last 24 hours</option>
          <option value="7d">Last 7 days</option>
          <option value="30d">Last 30 days</option>
          <option value="90d">Last 90 days</option>
          <option value="365d">Last year</option>
        </FilterSelect>
      </FilterForm>
      {history.items.length === 0 ? (
        <div
          data-testid="history-empty"
          className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-12 text-center text-slate-800"
        >
          No decided request matches.
        </div>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Decision
                </th>
                <th scope="col" className="px-3 py-2">
                  Action
                </th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell">
                  Agent
                </th>
                <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                  Summary <span className="font-normal normal-case tracking-normal text-amber-800">by the agent</span>
                </th>
                <th scope="col" className="px-3 py-2">
                  Decided
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {history.items.map((r) => (
                <tr key={r.id} data-testid="history-row" data-request-id={r.id} className="align-top hover:bg-slate-50">
                  <td className="px-3 py-2">
                    <span className={`rounded px-1.5 text-xs font-semibold uppercase ring-1 ${STATUS_STYLES[r.status] ?? ""}`}>
                      {r.status}
                    </span>
                    <div className="mt-0.5 text-xs text-slate-600">
                      by {r.by}
                      {r.reviewers.length > 0 && `: ${r.reviewers.join(", ")}`}
                    </div>
                  </td>
                  <td className="px-3 py-2">
                    <Link
                      href={`/requests/${r.id}`}
                      className="font-medium text-slate-900 underline decoration-slate-300 underline-offset-2 hover:decoration-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
                    >
                      {r.actionName}
                    </Link>
                    <div className="font-mono text-xs text-slate-600">{r.action}</div>
                  </td>
                  <td className="hidden px-3 py-2 text-slate-700 md:table-cell">{r.agentName}</td>
                  <td className="hidden max-w-md px-3 py-2 text-slate-700 sm:table-cell">
                    {r.summary ? (
                      <span className="line-clamp-2 [overflow-wrap:anywhere]">
                        <VisibleText text={r.summary} />
                      </span>
                    ) : (
                      <span className="text-slate-500">no summary</span>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums text-slate-700">
                    <time dateTime={r.decidedAt.toISOString()} title={absoluteTime(r.decidedAt)}>
                      {relativeTime(r.decidedAt, now)}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PageLinks firstHref={history.paged ? href(query) : null} nextHref={history.nextCursor ? href(query, history.nextCursor) : null} />
    </section>
  );
}
