import Link from "next/link";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors.ts";
import { requireSessionActor } from "@/lib/http/session.ts";
import { getRequestForReviewer } from "@/lib/reviews/get-request-for-reviewer.ts";
import { AutoRefresh } from "../../_components/auto-refresh.tsx";
import { RISK_STYLES, relativeTime } from "../../_components/format.ts";
import { DecisionPanel } from "./_components/decision-panel.tsx";
import { PayloadTree } from "./_components/payload-tree.tsx";

export const metadata = { title: "Request · Countersign" };

const STATUS_STYLES: Record<string, string> = {
  pending: "bg-amber-100 text-amber-900",
  approved: "bg-emerald-100 text-emerald-900",
  rejected: "bg-red-100 text-red-900",
  expired: "bg-slate-200 text-slate-800",
  cancelled: "bg-slate-200 text-slate-800",
};

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 sm:flex-row sm:gap-3">
      <dt className="w-40 shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

/** Agent-supplied text: plain text only, visibly labelled as unverified. */
function AgentText({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  return (
    <div>
      <h3 className="text-sm font-medium text-slate-700">{label}</h3>
      <p className="mt-1 whitespace-pre-wrap break-words rounded-md bg-white p-3 text-sm text-slate-800 ring-1 ring-amber-200">{text}</p>
    </div>
  );
}

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireSessionActor(`/requests/${id}`);
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const view = await getRequestForReviewer({ actor, requestId: id }).catch((e) => {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  });
  const p = view.platform;
  const now = new Date();
  return (
    <div className="space-y-6">
      {view.status === "pending" && <AutoRefresh seconds={5} />}
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/inbox" className="text-sm text-slate-600 hover:text-slate-900">← Inbox</Link>
        <h1 className="text-lg font-semibold">{p.actionName}</h1>
        <span data-testid="request-status" className={`rounded px-2 py-0.5 text-xs font-semibold uppercase tracking-wide ${STATUS_STYLES[view.status]}`}>{view.status}</span>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          <section aria-labelledby="facts-title" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="facts-title" className="font-semibold">Platform facts <span className="text-sm font-normal text-slate-500">— computed by Countersign</span></h2>
            <dl className="mt-3 space-y-1.5 text-sm">
              <Fact label="Action"><span className="font-mono">{p.action}</span> <span className={`ml-2 rounded px-2 py-0.5 text-xs font-medium ring-1 ${RISK_STYLES[p.riskLevel]}`}>{p.riskLevel} risk</span></Fact>
              <Fact label="Agent">{p.agentName}{p.agentOwner && <span className="text-slate-500"> (owner {p.agentOwner})</span>}</Fact>
              <Fact label="Policy">{p.ruleName ? <>rule <strong>{p.ruleName}</strong>{p.policyVersion !== null && <> of version {p.policyVersion}</>}</> : "no rule"} — {p.policyReason}</Fact>
              <Fact label="Approvals"><span data-testid="approvals">{p.approvals} of {p.requiredApprovals}</span>{p.approvingGroups.length > 0 && <span className="text-slate-500"> · {p.distinctGroups ? "one from each of different groups: " : "groups "}{p.approvingGroups.join(", ")}</span>}</Fact>
              <Fact label="Created"><span title={p.createdAt.toISOString()}>{relativeTime(p.createdAt, now)}</span></Fact>
              <Fact label="Expires"><span title={p.expiresAt.toISOString()}>{p.expiresAt.toISOString().replace("T", " ").slice(0, 19)} UTC ({relativeTime(p.expiresAt, now)})</span></Fact>
              <Fact label="Payload hash"><span className="break-all font-mono text-xs">{view.proposalHash}</span></Fact>
              {p.decision && <Fact label="Decision">{view.status} by {p.decision.by}{p.decision.comment && <> — “{p.decision.comment}”</>} <span className="text-slate-500" title={p.decision.at.toISOString()}>({relativeTime(p.decision.at, now)})</span></Fact>}
            </dl>
            {p.reviews.length > 0 && (
              <ul className="mt-3 space-y-1 border-t border-slate-100 pt-3 text-sm">
                {p.reviews.map((r, i) => (
                  <li key={i}><strong>{r.reviewer}</strong> {r.outcome === "approve" ? "approved" : "rejected"}{r.edited && " an edited payload"}{r.comment && <>: “{r.comment}”</>}</li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="payload-title" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="payload-title" className="font-semibold">Payload</h2>
            <p className="mt-1 text-xs text-slate-500">Shown as text. Links are not clickable; each URL shows the host it really points to.</p>
            <div className="mt-3"><PayloadTree value={view.payload} /></div>
            {view.approvedPayload !== null && JSON.stringify(view.approvedPayload) !== JSON.stringify(view.payload) && (
              <>
                <h3 className="mt-4 text-sm font-medium">Approved payload (edited by a reviewer)</h3>
                <div className="mt-2"><PayloadTree value={view.approvedPayload} testId="approved-payload-tree" /></div>
              </>
            )}
          </section>

          <section aria-labelledby="agent-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
            <h2 id="agent-title" className="font-semibold text-amber-950">Written by the agent — unverified</h2>
            <p className="mt-1 text-xs text-amber-900">The agent wrote this. It may be wrong or crafted to persuade you; the facts above come from Countersign.</p>
            <div className="mt-3 space-y-3">
              <AgentText label="Summary" text={view.agentWritten.summary} />
              <AgentText label="Reasoning" text={view.agentWritten.reasoning} />
              {view.agentWritten.context !== null && (
                <div>
                  <h3 className="text-sm font-medium text-slate-700">Context</h3>
                  <div className="mt-1"><PayloadTree value={view.agentWritten.context} testId="context-tree" /></div>
                </div>
              )}
              {!view.agentWritten.summary && !view.agentWritten.reasoning && view.agentWritten.context === null && <p className="text-sm text-amber-900">Nothing.</p>}
            </div>
          </section>
        </div>

        <aside>
          {view.canDecide ? (
            <DecisionPanel requestId={view.id} payloadHash={view.proposalHash} />
          ) : (
            <p data-testid="cannot-decide" className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">{view.cannotDecideReason}</p>
          )}
        </aside>
      </div>
    </div>
  );
}
