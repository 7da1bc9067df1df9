import Link from "next/link";
import { notFound } from "next/navigation";
import { toPage } from "@/lib/web/errors/to-page.ts";
import { requireSessionActor } from "@/lib/web/session.ts";
import { assessRequestRisk } from "@/lib/domain/reviews/assess-request-risk.ts";
import { getRequestForReviewer } from "@/lib/domain/reviews/get-request-for-reviewer.ts";
import { getRequestTimeline } from "@/lib/domain/reviews/get-request-timeline.ts";
import { listRecentDecisions } from "@/lib/domain/reviews/list-recent-decisions.ts";
import { isUuid } from "@/lib/kernel/validation/is-uuid.ts";
import { absoluteTime, RISK_STYLES, STATUS_STYLES } from "../../_components/format.ts";
import { LiveRefresh } from "../../_components/live-refresh.tsx";
import { AgentWritten } from "./_components/agent-written.tsx";
import { DecisionPanel } from "./_components/decision-panel.tsx";
import { LARGE_PAYLOAD_BYTES, PayloadPreview, PayloadTree } from "./_components/payload-tree.tsx";
import { PlatformFacts } from "./_components/platform-facts.tsx";
import { RecentDecisions } from "./_components/recent-decisions.tsx";
import { RequestTimeline } from "./_components/request-timeline.tsx";
import { RiskBanner } from "./_components/risk-banner.tsx";

export const metadata = { title: "Request · Countersign" };

type Search = Record<string, string | string[] | undefined>;

// GET /requests/{id} — one request as a reviewer sees it: risk, facts, payload, the agent's text, decide
export default async function RequestPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const actor = await requireSessionActor(`/requests/${encodeURIComponent(id)}`);
  if (!isUuid(id)) notFound();
  const [view, riskContext, timeline, recent] = await Promise.all([
    getRequestForReviewer({ actor, requestId: id }),
    assessRequestRisk({ actor, requestId: id }),
    getRequestTimeline({ actor, requestId: id }),
    listRecentDecisions({ actor, requestId: id }),
  ]).catch((e) => toPage(e, ["not_found"]));
  const p = view.platform;
  const now = new Date();
  const full = search.payload === "full";
  const payloadBytes = Buffer.byteLength(JSON.stringify(view.payload ?? null));
  const intent = search.decide === "approve" || search.decide === "reject" ? search.decide : null;
  return (
    <div className="space-y-5">
      <LiveRefresh requestId={view.id} onlyWhile={view.status === "pending"} />
      <div>
        <Link
          href="/inbox"
          className="rounded text-sm text-slate-700 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
        >
          ← Inbox
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-xl font-semibold tracking-tight">{p.actionName}</h1>
          <span
            data-testid="request-status"
            className={`rounded px-2 py-0.5 text-xs font-semibold uppercase tracking-wide ring-1 ${STATUS_STYLES[view.status]}`}
          >
            {view.status}
          </span>
          <span className={`rounded px-2 py-0.5 text-xs font-medium ring-1 ${RISK_STYLES[p.riskLevel]}`}>{p.riskLevel} risk</span>
        </div>
        <p className="mt-1 text-sm text-slate-700">
          Requested by <span className="font-medium text-slate-900">{p.agentName}</span> ·{" "}
          <span className="break-all font-mono text-xs">{view.id}</span>
        </p>
      </div>

      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-5">
          <RiskBanner view={view} context={riskContext} />

          <section aria-labelledby="payload-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="payload-title" className="font-semibold">
              Payload{" "}
              <span className="text-sm font-normal text-slate-600">
                — what {view.status === "pending" ? "you are asked to approve" : "was proposed"}
              </span>
            </h2>
            <p className="mt-1 text-xs text-slate-600">
              Shown as text. Web addresses are not links; each shows the host it really leads to. Hidden characters show as U+ codes.
            </p>
            {view.editedBy && (
              <p
                data-testid="payload-edited"
                className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-amber-300"
              >
                Edited by reviewer <strong>{view.editedBy}</strong>; the agent&apos;s original payload is below.
              </p>
            )}
            <div className="mt-3">
              {p.purgedAt ? (
                <p className="text-sm text-slate-700">The payload was purged {absoluteTime(p.purgedAt)} under the retention policy.</p>
              ) : payloadBytes > LARGE_PAYLOAD_BYTES && !full ? (
                <PayloadPreview
                  value={view.payload}
                  hash={view.payloadHash}
                  bytes={payloadBytes}
                  fullHref={`/requests/${view.id}?payload=full`}
                />
              ) : (
                <PayloadTree value={view.payload} />
              )}
            </div>
            {view.originalPayload !== null && (
              <details className="mt-4">
                <summary className="cursor-pointer text-sm font-medium text-slate-700">The agent&apos;s original payload</summary>
                <div className="mt-2">
                  <PayloadTree value={view.originalPayload} testId="original-payload-tree" />
                </div>
              </details>
            )}
            {view.approvedPayloadHash && (
              <div data-testid="approved-payload" className="mt-4 rounded-md bg-emerald-50 p-3 ring-1 ring-emerald-200">
                <h3 className="text-sm font-medium text-emerald-950">What the agent was told it may execute</h3>
                <p className="mt-0.5 break-all font-mono text-xs text-emerald-950">{view.approvedPayloadHash}</p>
                {view.approvedPayloadHash === p.originalPayloadHash ? (
                  <p className="mt-1 text-sm text-emerald-950">Exactly the agent&apos;s payload, unedited.</p>
                ) : (
                  <div className="mt-2">
                    <PayloadTree value={view.approvedPayload} testId="approved-payload-tree" />
                  </div>
                )}
              </div>
            )}
          </section>

          <AgentWritten text={view.agentWritten} />
        </div>

        {/* On a phone the decision comes after the payload and the agent's text, before the history. */}
        <aside className="lg:sticky lg:top-4 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:self-start" aria-label="Decision">
          {view.canDecide ? (
            <DecisionPanel
              requestId={view.id}
              payloadHash={view.payloadHash}
              rejectNeedsComment={view.rejectNeedsComment}
              approvals={p.approvals}
              requiredApprovals={p.requiredApprovals}
              intent={intent}
              editable={view.payloadSchema !== null ? { payload: view.payload, schema: view.payloadSchema } : null}
            />
          ) : (
            <div data-testid="cannot-decide" className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700 shadow-sm">
              <h2 className="font-semibold text-slate-900">Your decision</h2>
              <p className="mt-2">{view.cannotDecideReason}</p>
            </div>
          )}
        </aside>

        <div className="min-w-0 space-y-5">
          <PlatformFacts view={view} now={now} />
          <RequestTimeline entries={timeline} now={now} />
          <RecentDecisions items={recent} agentName={p.agentName} action={p.action} now={now} />
        </div>
      </div>
    </div>
  );
}
