// Charts as server-rendered SVG: no script, no CDN, no inline style (colours are Tailwind classes),
// so they live within the page's Content-Security-Policy. Each chart has a text alternative: a
// label and the same numbers as a table for screen readers.

import { axisTicks, niceCountMax } from "./chart-scale.ts";

type Series = { key: string; label: string; className: string; swatch: string };

const W = 640;
const H = 180;
const PAD = { top: 10, right: 8, bottom: 22, left: 58 };

function Legend({ series }: { series: Series[] }) {
  return (
    <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-hidden="true">
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-1.5">
          <span className={`inline-block h-2.5 w-2.5 rounded-sm ${s.swatch}`} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

function DataTable({
  caption,
  labels,
  series,
  rows,
  format,
}: {
  caption: string;
  labels: string[];
  series: Series[];
  rows: Record<string, number | null>[];
  format: (v: number | null) => string;
}) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          {series.map((s) => (
            <th key={s.key} scope="col">
              {s.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <th scope="row">{labels[i]}</th>
            {series.map((s) => (
              <td key={s.key}>{format(r[s.key] ?? null)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Stacked columns (one per bucket) or, with `lines`, one polyline per series. `labels` name the
 * buckets; a few of them are printed under the axis.
 */
const count = (v: number | null) => (v === null ? "–" : Number.isInteger(v) ? v.toLocaleString("en") : "");

export function TimeChart({
  title,
  labels,
  rows,
  series,
  lines = false,
  format = count,
  niceMax = niceCountMax,
  empty,
  testId,
}: {
  title: string;
  labels: string[];
  rows: Record<string, number | null>[];
  series: Series[];
  lines?: boolean;
  format?: (v: number | null) => string;
  /** The axis top for the largest value (chart-scale.ts). */
  niceMax?: (value: number) => number;
  /** Shown in place of an axis when no row has a value (line charts: "no data" is not zero). */
  empty?: string;
  testId?: string;
}) {
  const totals = rows.map((r) => (lines ? Math.max(...series.map((s) => r[s.key] ?? 0)) : series.reduce((n, s) => n + (r[s.key] ?? 0), 0)));
  const max = niceMax(Math.max(0, ...totals));
  const noData = empty !== undefined && rows.every((r) => series.every((s) => r[s.key] === null || r[s.key] === undefined));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, rows.length);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const every = Math.max(1, Math.ceil(rows.length / 8));
  return (
    <figure data-testid={testId}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${title}: ${series.map((s) => s.label).join(", ")} over time`}
        className="h-auto w-full"
      >
        {noData ? (
          <>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} className="stroke-slate-200" strokeWidth={1} />
            <text
              x={PAD.left + (W - PAD.left - PAD.right) / 2}
              y={PAD.top + plotH / 2}
              textAnchor="middle"
              className="fill-slate-600 text-[12px]"
            >
              {empty}
            </text>
          </>
        ) : (
          axisTicks(max, format).map((t) => (
            <g key={t.value}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(t.value)} y2={y(t.value)} className="stroke-slate-200" strokeWidth={1} />
              <text data-testid="axis-tick" x={PAD.left - 6} y={y(t.value) + 4} textAnchor="end" className="fill-slate-600 text-[10px]">
                {t.label}
              </text>
            </g>
          ))
        )}
        {lines
          ? series.map((s) => {
              const points = rows.flatMap((r, i) =>
                r[s.key] === null || r[s.key] === undefined ? [] : [`${PAD.left + step * (i + 0.5)},${y(r[s.key]!)}`],
              );
              return (
                <g key={s.key}>
                  <polyline points={points.join(" ")} fill="none" strokeWidth={2} className={s.className} />
                  {points.map((pt) => {
                    const [cx, cy] = pt.split(",");
                    return <circle key={pt} cx={cx} cy={cy} r={3} fill="white" strokeWidth={2} className={s.className} />;
                  })}
                </g>
              );
            })
          : rows.map((r, i) => {
              let base = 0;
              return (
                <g key={i}>
                  {series.map((s) => {
                    const v = r[s.key] ?? 0;
                    if (v <= 0) return null;
                    const rect = (
                      <rect
                        key={s.key}
                        x={PAD.left + step * i + step * 0.15}
                        width={Math.max(1, step * 0.7)}
                        y={y(base + v)}
                        height={y(base) - y(base + v)}
                        className={s.className}
                      />
                    );
                    base += v;
                    return rect;
                  })}
                </g>
              );
            })}
        {labels.map((label, i) =>
          i % every === 0 ? (
            <text key={i} x={PAD.left + step * (i + 0.5)} y={H - 6} textAnchor="middle" className="fill-slate-600 text-[10px]">
              {label}
            </text>
          ) : null,
        )}
      </svg>
      <Legend series={series} />
      <DataTable caption={title} labels={labels} series={series} rows={rows} format={format} />
    </figure>
  );
}

/** One horizontal bar per row: the approval rate, with the counts beside it. */
export function RateBars({ rows }: { rows: { label: string; sub: string; approved: number; decided: number }[] }) {
  return (
    <ul data-testid="approval-rates" className="space-y-2">
      {rows.map((r) => {
        const rate = r.decided === 0 ? null : r.approved / r.decided;
        return (
          <li
            key={r.sub}
            className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 text-sm sm:grid-cols-[14rem_minmax(0,1fr)_7rem]"
          >
            <div className="min-w-0 truncate">
              <span className="font-medium">{r.label}</span> <span className="font-mono text-xs text-slate-600">{r.sub}</span>
            </div>
            <svg
              viewBox="0 0 100 8"
              preserveAspectRatio="none"
              role="img"
              aria-label={`${r.label}: ${rate === null ? "no decisions" : `${Math.round(rate * 100)}% approved`}`}
              className="order-3 col-span-2 h-2.5 w-full sm:order-none sm:col-span-1"
            >
              <rect x={0} y={0} width={100} height={8} className="fill-slate-200" />
              {rate !== null && <rect x={0} y={0} width={rate * 100} height={8} className="fill-emerald-600" />}
            </svg>
            <div className="text-right tabular-nums text-slate-800">
              {rate === null ? "–" : `${Math.round(rate * 100)}%`} <span className="text-xs text-slate-600">of {r.decided}</span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
