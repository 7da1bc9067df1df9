import Link from "next/link";
import { requireSessionActor } from "@/lib/web/session.ts";
import { getReviewMetrics, METRIC_PERIODS, type MetricPeriod } from "@/lib/domain/reviews/get-review-metrics.ts";
import { listInboxFilterOptions } from "@/lib/domain/reviews/list-inbox-filter-options.ts";
import { FilterSelect, queryHref } from "../_components/filter-form.tsx";
import { duration, niceDurationMax } from "./_components/chart-scale.ts";
import { RateBars, TimeChart } from "./_components/charts.tsx";

export const metadata = { title: "Metrics · Countersign" };

const PERIOD_LABEL: Record<MetricPeriod, string> = { "24h": "24 hours", "7d": "7 days", "30d": "30 days", "90d": "90 days" };

function Stat({ label, value, testId, note }: { label: string; value: string; testId: string; note?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="text-sm text-slate-700">{label}</div>
      <div data-testid={testId} className="mt-1 text-2xl font-semibold tabular-nums">
        {value}
      </div>
      {note && <div className="mt-0.5 text-xs text-slate-600">{note}</div>}
    </div>
  );
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="font-semibold">{title}</h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

// GET /metrics — pending now, decisions, time to decision and expiries over a chosen period
export default async function MetricsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSessionActor("/metrics");
  const search = await searchParams;
  const period = (typeof search.period === "string" && Object.hasOwn(METRIC_PERIODS, search.period) ? search.period : "7d") as MetricPeriod;
  const options = await listInboxFilterOptions({ actor });
  // Only an existing action type narrows the view; anything else shows all of them.
  const action = typeof search.action === "string" && options.actionTypes.some((t) => t.key === search.action) ? search.action : undefined;
  const m = await getReviewMetrics({ actor, period, action });
  const rows = m.buckets.map(({ approved, rejected, expired, p50, p90 }) => ({ approved, rejected, expired, p50, p90 }));
  const labels = m.buckets.map((b) => (m.bucket === "hour" ? `${b.at.toISOString().slice(11, 13)}h` : b.at.toISOString().slice(5, 10)));
  const totals = m.buckets.reduce(
    (t, b) => ({ approved: t.approved + b.approved, rejected: t.rejected + b.rejected, expired: t.expired + b.expired }),
    { approved: 0, rejected: 0, expired: 0 },
  );
  return (
    <section aria-labelledby="metrics-title" className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 id="metrics-title" className="text-xl font-semibold tracking-tight">
          Metrics <span className="text-base font-normal text-slate-600">— last {PERIOD_LABEL[period]}, UTC</span>
        </h1>
        <nav aria-label="Period" className="flex gap-1 text-sm">
          {(Object.keys(METRIC_PERIODS) as MetricPeriod[]).map((p) => (
            <Link
              key={p}
              href={queryHref("/metrics", { period: p, action })}
              aria-current={p === period ? "page" : undefined}
              className={`rounded-md px-2.5 py-1 ring-1 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 ${p === period ? "bg-slate-900 text-white ring-slate-900" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
            >
              {p}
            </Link>
          ))}
        </nav>
      </div>
      <form method="get" action="/metrics" aria-label="Narrow the metrics" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="period" value={period} />
        <div className="w-72 max-w-full">
          <FilterSelect name="action" label="Action type" value={action}>
            <option value="">All action types</option>
            {options.actionTypes.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name} ({t.key})
              </option>
            ))}
          </FilterSelect>
        </div>
        <button
          type="submit"
          className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 focus-visible:ring-offset-2"
        >
          Apply
        </button>
      </form>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Pending now" value={m.pendingNow.toLocaleString("en")} testId="metric-pending" />
        <Stat
          label="Time to decision, median"
          value={duration(m.timeToDecision.p50)}
          testId="metric-p50"
          note={`${m.reviewerDecisions.toLocaleString("en")} reviewer decisions`}
        />
        <Stat
          label="Time to decision, p90"
          value={duration(m.timeToDecision.p90)}
          testId="metric-p90"
          note={m.timeToDecision.p90 === null ? undefined : "9 in 10 were decided faster"}
        />
        <Stat label="Expired" value={totals.expired.toLocaleString("en")} testId="metric-expired" note="no decision before the deadline" />
      </div>
      <div className="grid gap-5 lg:grid-cols-2">
        <Card title="Decisions">
          <TimeChart
            title="Decisions per period"
            testId="chart-decisions"
            labels={labels}
            rows={rows}
            series={[
              { key: "approved", label: `approved (${totals.approved})`, className: "fill-emerald-600", swatch: "bg-emerald-600" },
              { key: "rejected", label: `rejected (${totals.rejected})`, className: "fill-red-600", swatch: "bg-red-600" },
              { key: "expired", label: `expired (${totals.expired})`, className: "fill-slate-400", swatch: "bg-slate-400" },
            ]}
          />
        </Card>
        <Card title="Time to decision by reviewers">
          <TimeChart
            title="Time to decision"
            testId="chart-time"
            labels={labels}
            rows={rows}
            lines
            format={duration}
            niceMax={niceDurationMax}
            empty="No reviewer decisions in this period"
            series={[
              { key: "p50", label: "median", className: "stroke-sky-700", swatch: "bg-sky-700" },
              { key: "p90", label: "p90", className: "stroke-amber-600", swatch: "bg-amber-600" },
            ]}
          />
        </Card>
        <Card title="Expiries">
          <TimeChart
            title="Expiries"
            testId="chart-expiries"
            labels={labels}
            rows={rows}
            series={[{ key: "expired", label: "expired", className: "fill-slate-500", swatch: "bg-slate-500" }]}
          />
        </Card>
        <Card title="Approval rate per action type">
          {m.actions.length === 0 ? (
            <p className="text-sm text-slate-700">Nothing decided or pending in this period.</p>
          ) : (
            <>
              <RateBars
                rows={m.actions.map((a) => ({ label: a.name, sub: a.action, approved: a.approved, decided: a.approved + a.rejected }))}
              />
              <p className="mt-3 text-xs text-slate-600">
                Approved out of approved + rejected (expired and cancelled requests are not decisions). Pending now:{" "}
                {m.actions
                  .filter((a) => a.pending > 0)
                  .map((a) => `${a.action} ${a.pending}`)
                  .join(", ") || "none"}
                .
              </p>
            </>
          )}
        </Card>
      </div>
    </section>
  );
}
