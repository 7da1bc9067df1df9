import Link from "next/link";
import { requireSessionActor } from "@/lib/web/session.ts";
import { isRiskFlag, RISK_FLAGS } from "@/lib/domain/inspection/risk-flags.ts";
import { parseInboxQuery, type TInboxQuery } from "@/lib/domain/reviews/inbox-query.ts";
import { listInbox } from "@/lib/domain/reviews/list-inbox.ts";
import { listInboxFilterOptions } from "@/lib/domain/reviews/list-inbox-filter-options.ts";
import { absoluteTime, RISK_STYLES, relativeTime } from "../_components/format.ts";
import { PageLinks, queryHref } from "../_components/filter-form.tsx";
import { LiveRefresh, LiveStatusBadge } from "../_components/live-refresh.tsx";
import { VisibleText } from "../_components/visible-text.tsx";
import { InboxFilters } from "./_components/inbox-filters.tsx";
import { InboxKeyboard } from "./_components/inbox-keyboard.tsx";

export const metadata = { title: "Inbox · Countersign" };

const SOON_MS = 15 * 60 * 1000;

function pageHref(query: TInboxQuery, cursor?: string): string {
  return queryHref("/inbox", { ...query, sort: query.sort === "deadline" ? undefined : query.sort, cursor });
}

const SORT_LABEL = { deadline: "soonest deadline first", risk: "highest risk score first", age: "oldest first" } as const;

// GET /inbox — the pending requests this user may decide (all pending, read-only, for admins and auditors)
export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSessionActor("/inbox");
  const query = parseInboxQuery(await searchParams);
  const [inbox, options] = await Promise.all([listInbox({ actor, query }), listInboxFilterOptions({ actor })]);
  const now = new Date();
  const readOnly = inbox.mode === "read_only";
  const filtered = !!(query.action || query.agent || query.risk || query.age);
  return (
    <section aria-labelledby="inbox-title">
      <LiveRefresh />
      <InboxKeyboard canDecide={!readOnly} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 id="inbox-title" className="text-xl font-semibold tracking-tight">
          {readOnly ? "All pending requests" : "Waiting for your decision"}{" "}
          <span data-testid="inbox-total" className="font-normal tabular-nums text-slate-500">
            ({inbox.total}
            {inbox.capped ? "+" : ""})
          </span>
        </h1>
        <div className="flex items-center gap-3 text-sm text-slate-500">
          <span>{SORT_LABEL[query.sort]}</span>
          <LiveStatusBadge />
        </div>
      </div>
      {readOnly && (
        <p data-testid="read-only-notice" className="mt-3 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200">
          <strong className="font-semibold">Read-only.</strong> Your role sees every pending request but does not decide: only reviewers
          approve or reject, so no one approves what they configure or audit.
        </p>
      )}
      <InboxFilters query={query} options={options} />
      <p className="mt-2 hidden text-xs text-slate-500 sm:block" id="inbox-keys">
        Keys: <kbd className="font-mono">j</kbd>/<kbd className="font-mono">k</kbd> next/previous · <kbd className="font-mono">Enter</kbd>{" "}
        open
        {!readOnly && (
          <>
            {" "}
            · <kbd className="font-mono">a</kbd> approve · <kbd className="font-mono">r</kbd> reject (each asks you to confirm on the
            request page)
          </>
        )}
      </p>
      {inbox.items.length === 0 ? (
        <div data-testid="inbox-empty" className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-12 text-center">
          <p className="font-medium text-slate-800">
            {filtered ? "Nothing matches these filters." : `Nothing is waiting${readOnly ? "" : " for you"}.`}
          </p>
          <p className="mt-1 text-sm text-slate-500">New requests appear here as agents submit them, without reloading.</p>
        </div>
      ) : (
        <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full text-sm" aria-describedby="inbox-keys">
            <thead className="hidden border-b border-slate-200 bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600 sm:table-header-group">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Action
                </th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell">
                  Agent
                </th>
                <th scope="col" className="px-3 py-2">
                  Summary <span className="font-normal normal-case tracking-normal text-amber-800">written by the agent</span>
                </th>
                <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                  Risk
                </th>
                <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                  Approvals
                </th>
                <th scope="col" className="px-3 py-2">
                  Expires
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {inbox.items.map((item) => {
                const soon = item.expiresAt.getTime() - now.getTime() < SOON_MS;
                const flags = item.riskFlags.map((f) => (isRiskFlag(f) ? RISK_FLAGS[f].title : f));
                return (
                  <tr
                    key={item.id}
                    data-testid="inbox-row"
                    data-request-id={item.id}
                    className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1 px-3 py-2.5 align-top hover:bg-slate-50 focus-within:bg-sky-50 sm:table-row sm:p-0"
                  >
                    <td className="order-1 sm:px-3 sm:py-2.5">
                      <Link
                        href={`/requests/${item.id}`}
                        data-row-link=""
                        className="rounded font-medium text-slate-900 underline decoration-slate-300 underline-offset-2 hover:decoration-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-600"
                      >
                        {item.actionName}
                      </Link>
                      <div className="font-mono text-xs text-slate-600">{item.action}</div>
                      <div className="mt-1 flex flex-wrap gap-2 text-xs text-slate-600 sm:hidden">
                        <span className={`rounded px-1.5 font-medium ring-1 ${RISK_STYLES[item.riskLevel]}`}>{item.riskLevel}</span>
                        {flags.length > 0 && (
                          <span className="rounded bg-red-50 px-1.5 font-medium text-red-800 ring-1 ring-red-200">
                            {flags.length} flag{flags.length > 1 ? "s" : ""}
                          </span>
                        )}
                        <span className="tabular-nums">
                          {item.approvals}/{item.requiredApprovals} approvals
                        </span>
                      </div>
                      <div className="text-xs text-slate-600 md:hidden">{item.agentName}</div>
                    </td>
                    <td className="hidden whitespace-nowrap px-3 py-2.5 text-slate-700 md:table-cell">{item.agentName}</td>
                    <td className="order-3 col-span-2 max-w-md text-slate-700 sm:px-3 sm:py-2.5">
                      <span className="block text-xs text-amber-800 sm:hidden">Summary, written by the agent</span>
                      {item.summary ? (
                        <span className="line-clamp-2 [overflow-wrap:anywhere]">
                          <VisibleText text={item.summary} />
                        </span>
                      ) : (
                        <span className="text-slate-500">no summary</span>
                      )}
                    </td>
                    <td className="hidden px-3 py-2.5 sm:table-cell">
                      <span className={`rounded px-2 py-0.5 text-xs font-medium ring-1 ${RISK_STYLES[item.riskLevel]}`}>
                        {item.riskLevel}
                      </span>
                      {flags.length > 0 && (
                        <div data-testid="inbox-flags" className="mt-1 max-w-48 text-xs font-medium text-red-800">
                          score {item.riskScore} · {flags.length} flag{flags.length > 1 ? "s" : ""}
                          <span className="block font-normal text-red-900">{flags.join(" · ")}</span>
                        </div>
                      )}
                    </td>
                    <td className="hidden px-3 py-2.5 tabular-nums text-slate-700 sm:table-cell">
                      {item.approvals} of {item.requiredApprovals}
                    </td>
                    <td
                      className={`order-2 whitespace-nowrap tabular-nums sm:px-3 sm:py-2.5 ${soon ? "font-medium text-red-700" : "text-slate-700"}`}
                    >
                      <time dateTime={item.expiresAt.toISOString()} title={absoluteTime(item.expiresAt)}>
                        {item.expiresAt <= now ? "overdue" : relativeTime(item.expiresAt, now)}
                      </time>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <PageLinks firstHref={inbox.paged ? pageHref(query) : null} nextHref={inbox.nextCursor ? pageHref(query, inbox.nextCursor) : null} />
    </section>
  );
}
