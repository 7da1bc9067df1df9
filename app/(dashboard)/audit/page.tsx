import { parseAuditFilter } from "@/lib/domain/audit/audit-query.ts";
import { getAuditChainStatus } from "@/lib/domain/audit/get-audit-chain-status.ts";
import { listAuditEvents } from "@/lib/domain/audit/list-audit-events.ts";
import { requireSessionActor } from "@/lib/web/session.ts";
import { forbiddenToPage } from "@/lib/web/errors/to-page.ts";
import { FilterForm, FilterInput, FilterSelect, PageLinks, queryHref } from "../_components/filter-form.tsx";
import { absoluteTime } from "../_components/format.ts";
import { VisibleText } from "../_components/visible-text.tsx";
import { VerifyButton } from "./_components/verify-button.tsx";

export const metadata = { title: "Audit trail · Countersign" };

function DateInput({ name, label, value }: { name: string; label: string; value?: string }) {
  return (
    <label className="block min-w-0 text-xs font-medium text-slate-700">
      {label}
      <input
        type="date"
        name={name}
        defaultValue={value ?? ""}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-400"
      />
    </label>
  );
}

// GET /audit — the audit trail with filters, chain verification status and export (admins, auditors)
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSessionActor("/audit");
  const { cursor, ...filter } = parseAuditFilter(await searchParams);
  const [status, page] = await Promise.all([
    getAuditChainStatus({ actor }),
    listAuditEvents({ actor, filter, before: cursor ? BigInt(cursor) : undefined }),
  ]).catch(forbiddenToPage);
  const last = status.last;
  const exportHref = (format: string) => queryHref("/api/audit/export", { ...filter, format });
  return (
    <section aria-labelledby="audit-title" className="space-y-4">
      <h1 id="audit-title" className="text-xl font-semibold tracking-tight">
        Audit trail
      </h1>

      <div
        data-testid="chain-status"
        data-ok={last ? String(last.ok) : "unknown"}
        className={`rounded-lg border-2 p-4 ${!last ? "border-slate-300 bg-white" : last.ok ? "border-emerald-400 bg-emerald-50" : "border-red-500 bg-red-50"}`}
      >
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="text-sm">
            <h2 className="font-semibold">Hash chain</h2>
            {!last ? (
              <p className="mt-1 text-slate-800">Not verified yet.</p>
            ) : last.ok ? (
              <p className="mt-1 text-emerald-950">
                <strong>Intact</strong> — {Number(last.events).toLocaleString("en")} events verified, finished{" "}
                {absoluteTime(last.finishedAt)}.
              </p>
            ) : (
              <p className="mt-1 text-red-950">
                <strong>Verification failed</strong> ({absoluteTime(last.finishedAt)}): event {last.firstBad?.id} (seq{" "}
                {last.firstBad?.seq ?? "?"}) — {last.firstBad?.reason}
              </p>
            )}
            <p className="mt-1 text-slate-700">
              Head:{" "}
              {status.head ? (
                <>
                  seq {status.head.seq}, <span className="break-all font-mono text-xs">{status.head.hash}</span>
                </>
              ) : (
                "no sealed events"
              )}{" "}
              · {status.unsealed > 10_000 ? "over 10,000" : status.unsealed} event{status.unsealed === 1 ? "" : "s"} waiting to be sealed.
            </p>
            <p className="mt-1 text-xs text-slate-600">
              The worker verifies the whole chain on a schedule (AUDIT_VERIFY_INTERVAL_MS) and when asked; this page shows the latest result
              instead of walking the chain on every load.
            </p>
          </div>
          <VerifyButton running={status.running} />
        </div>
      </div>

      <FilterForm action="/audit" label="Filter the audit trail" columns="lg:grid-cols-[repeat(6,minmax(0,1fr))_auto]">
        <FilterInput name="type" label="Event type" value={filter.type} placeholder="request.approved" />
        <FilterSelect name="actorType" label="Actor kind" value={filter.actorType}>
          <option value="">Any</option>
          <option value="user">User</option>
          <option value="agent">Agent</option>
          <option value="system">System</option>
          <option value="cli">CLI</option>
        </FilterSelect>
        <FilterInput name="actor" label="Actor id" value={filter.actor} />
        <FilterInput name="subject" label="Subject" value={filter.subject} placeholder="request:<id>" />
        <DateInput name="from" label="From (UTC)" value={filter.from} />
        <DateInput name="to" label="To (UTC)" value={filter.to} />
      </FilterForm>

      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="text-slate-700">Export what matches:</span>
        <a
          href={exportHref("csv")}
          data-testid="export-csv"
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
        >
          CSV
        </a>
        <a
          href={exportHref("jsonl")}
          data-testid="export-jsonl"
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
        >
          JSON Lines
        </a>
      </div>

      {/* Focusable, so a keyboard can scroll the table sideways on a narrow screen. */}
      <div
        role="region"
        aria-label="Audit events"
        tabIndex={0}
        data-testid="audit-table"
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
      >
        <table className="min-w-full text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                When (UTC)
              </th>
              <th scope="col" className="px-3 py-2">
                Event
              </th>
              <th scope="col" className="px-3 py-2">
                Actor
              </th>
              <th scope="col" className="hidden px-3 py-2 md:table-cell">
                Subject
              </th>
              <th scope="col" className="hidden px-3 py-2 lg:table-cell">
                Data
              </th>
              <th scope="col" className="px-3 py-2">
                Chain
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.items.map((e) => (
              <tr key={e.id.toString()} data-testid="audit-row" className="align-top">
                <td className="whitespace-nowrap px-3 py-2 tabular-nums text-slate-700">
                  {absoluteTime(e.occurredAt).replace(" UTC", "")}
                </td>
                <td className="px-3 py-2 font-mono text-xs">{e.type}</td>
                <td className="px-3 py-2 text-xs">
                  {e.actorName ? (
                    <div
                      data-testid="audit-actor-name"
                      title={`${e.actorType} ${e.actorId ?? ""}`.trim()}
                      className="font-medium text-slate-900"
                    >
                      <VisibleText text={e.actorName} />
                    </div>
                  ) : (
                    <div>{e.actorType}</div>
                  )}
                  {e.actorId && (
                    <div data-testid="audit-actor-id" className="break-all font-mono text-slate-600">
                      {e.actorId}
                    </div>
                  )}
                </td>
                <td className="hidden break-all px-3 py-2 font-mono text-xs md:table-cell">{e.subject}</td>
                <td className="hidden max-w-sm px-3 py-2 font-mono text-xs text-slate-700 lg:table-cell">
                  <span className="line-clamp-3 [overflow-wrap:anywhere]">
                    <VisibleText text={JSON.stringify(e.data)} />
                  </span>
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-xs">
                  {e.seq ? (
                    <>
                      #{e.seq.toString()}{" "}
                      <span className="font-mono text-slate-600" title={e.hash ?? ""}>
                        {e.hash?.slice(0, 10)}…
                      </span>
                    </>
                  ) : (
                    <span className="text-amber-800">unsealed</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.items.length === 0 && <p className="px-3 py-8 text-center text-sm text-slate-700">No event matches.</p>}
      </div>
      <PageLinks
        firstHref={cursor ? queryHref("/audit", filter) : null}
        nextHref={page.nextBefore ? queryHref("/audit", { ...filter, cursor: page.nextBefore }) : null}
      />
    </section>
  );
}
