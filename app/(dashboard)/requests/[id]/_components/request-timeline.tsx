import type { TimelineEntry } from "@/lib/domain/reviews/get-request-timeline.ts";
import { Timestamp } from "../../../_components/timestamp.tsx";
import { VisibleText } from "../../../_components/visible-text.tsx";

const LABEL: Record<string, string> = {
  "request.created": "submitted",
  "review.recorded": "reviewed",
  "request.reevaluated": "edit re-evaluated",
  "request.approved": "approved",
  "request.rejected": "rejected",
  "request.expired": "expired",
  "request.cancelled": "cancelled",
  "request.escalated": "escalated",
  "request.executed": "reported execution",
  "request.purged": "content purged",
};

/** The request's history from the audit trail, oldest first, each event marked sealed or not yet. */
export function RequestTimeline({ entries, now }: { entries: TimelineEntry[]; now: Date }) {
  return (
    <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="timeline-title" className="font-semibold">
        Timeline <span className="text-sm font-normal text-slate-600">— from the audit trail</span>
      </h2>
      {entries.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No audit events recorded for this request.</p>
      ) : (
        <ol data-testid="timeline" className="mt-2 space-y-2 border-l border-slate-200 pl-4 text-sm">
          {entries.map((e) => (
            <li key={e.id} data-testid="timeline-entry" data-type={e.type} className="relative">
              <span aria-hidden="true" className="absolute -left-[1.3rem] top-1.5 h-2 w-2 rounded-full bg-slate-400" />
              <span className="font-medium">{LABEL[e.type] ?? e.type}</span>
              {e.outcome && (
                <span>
                  {" "}
                  ({e.outcome}
                  {e.edited ? ", edited payload" : ""})
                </span>
              )}{" "}
              <span className="text-slate-600">by {e.actor}</span>
              <div className="text-xs text-slate-600">
                <Timestamp date={e.at} now={now} /> · {e.seq ? <>sealed, chain #{e.seq}</> : "not sealed yet"}
              </div>
              {e.comment && (
                <p className="mt-0.5 whitespace-pre-wrap text-slate-700 [overflow-wrap:anywhere]">
                  “<VisibleText text={e.comment} />”
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
