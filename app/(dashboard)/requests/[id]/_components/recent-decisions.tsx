import Link from "next/link";
import type { RecentDecision } from "@/lib/domain/reviews/list-recent-decisions.ts";
import { STATUS_STYLES } from "../../../_components/format.ts";
import { Timestamp } from "../../../_components/timestamp.tsx";
import { VisibleText } from "../../../_components/visible-text.tsx";

/** How this agent's latest requests of the same action went. Summaries are the agent's own words. */
export function RecentDecisions({
  items,
  agentName,
  action,
  now,
}: {
  items: RecentDecision[];
  agentName: string;
  action: string;
  now: Date;
}) {
  return (
    <section aria-labelledby="recent-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="recent-title" className="font-semibold">
        Recent decisions{" "}
        <span className="text-sm font-normal text-slate-600">
          — {agentName}, {action}
        </span>
      </h2>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">None yet: this is the first {action} request of this agent to be decided.</p>
      ) : (
        <ul data-testid="recent-decisions" className="mt-2 divide-y divide-slate-100 text-sm">
          {items.map((d) => (
            <li key={d.id} className="flex flex-wrap items-baseline gap-x-2 py-1.5">
              <span className={`rounded px-1.5 text-xs font-semibold uppercase ring-1 ${STATUS_STYLES[d.status] ?? ""}`}>{d.status}</span>
              <span className="text-slate-600">by {d.by ?? "?"}</span>
              <span className="text-xs text-slate-600">
                <Timestamp date={d.decidedAt} now={now} />
              </span>
              <Link
                href={`/requests/${d.id}`}
                className="min-w-0 basis-full truncate text-slate-800 underline decoration-slate-300 underline-offset-2 hover:decoration-slate-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
              >
                {d.summary ? <VisibleText text={d.summary} /> : <span className="font-mono text-xs">request {d.id}</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
