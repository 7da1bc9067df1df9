import type { ReviewerRequestView } from "@/lib/domain/reviews/get-request-for-reviewer.ts";
import { RISK_STYLES } from "../../../_components/format.ts";
import { Timestamp } from "../../../_components/timestamp.tsx";
import { VisibleText } from "../../../_components/visible-text.tsx";

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid gap-0.5 py-1.5 sm:grid-cols-[9rem_minmax(0,1fr)] sm:gap-3">
      <dt className="text-slate-500">{label}</dt>
      <dd data-testid={testId} className="min-w-0 break-words text-slate-900">
        {children}
      </dd>
    </div>
  );
}

const DECIDED_BY: Record<string, string> = { policy: "the policy", reviewers: "reviewers", timeout: "timeout", agent: "the agent" };

/** What Countersign itself computed and recorded about the request: trustworthy, unlike the agent's text. */
export function PlatformFacts({ view, now }: { view: ReviewerRequestView; now: Date }) {
  const p = view.platform;
  return (
    <section
      aria-labelledby="facts-title"
      data-testid="platform-facts"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="facts-title" className="font-semibold">
        Platform facts <span className="text-sm font-normal text-slate-500">— computed by Countersign</span>
      </h2>
      <dl className="mt-2 divide-y divide-slate-100 text-sm">
        <Fact label="Action">
          {p.actionName} <span className="font-mono text-xs text-slate-600">{p.action}</span>{" "}
          <span className={`ml-1 whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ring-1 ${RISK_STYLES[p.riskLevel]}`}>
            {p.riskLevel} risk
          </span>
        </Fact>
        <Fact label="Agent">
          {p.agentName}
          {p.agentOwner && (
            <span className="text-slate-500">
              {" "}
              · owner {p.agentOwner}
              {!p.ownerMayApprove && " (may not decide)"}
            </span>
          )}
        </Fact>
        <Fact label="Policy rule">
          {p.ruleName ? <strong className="font-semibold">{p.ruleName}</strong> : <span className="text-slate-500">none matched</span>}
          {p.policyVersion !== null && <span className="text-slate-500"> · policy version {p.policyVersion}</span>}
        </Fact>
        {p.editRuleName !== null && (
          <Fact label="Edited payload's rule" testId="edit-rule">
            <strong className="font-semibold">{p.editRuleName}</strong>
            <span className="text-slate-500">
              {" "}
              · both rules apply{p.editGroups.length > 0 && <>: reviewers must also be in {p.editGroups.join(", ")}</>}
            </span>
          </Fact>
        )}
        <Fact label="Why review">
          <VisibleText text={p.policyReason} />
        </Fact>
        <Fact label="Approvals" testId="approvals">
          <span className="font-medium tabular-nums">
            {p.approvals} of {p.requiredApprovals}
          </span>
          {p.approvingGroups.length > 0 && (
            <span className="text-slate-500">
              {" "}
              · {p.distinctGroups ? "one from each of different groups among" : "from groups"} {p.approvingGroups.join(", ")}
            </span>
          )}
          {p.approvingGroups.length === 0 && <span className="text-slate-500"> · any reviewer</span>}
        </Fact>
        <Fact label="Created">
          <Timestamp date={p.createdAt} now={now} />
        </Fact>
        <Fact label={view.status === "pending" ? "Expires" : "Deadline"}>
          <Timestamp date={p.expiresAt} now={now} />
          {view.status === "pending" && (
            <span className="text-slate-500">
              {" "}
              · then{" "}
              {p.onTimeout === "escalate" && !p.escalatedAt && p.escalateToGroups.length > 0
                ? `escalated to ${p.escalateToGroups.join(", ")}`
                : "it expires, not approved"}
            </span>
          )}
          {p.escalatedAt && (
            <div className="text-slate-500">
              Escalated <Timestamp date={p.escalatedAt} now={now} />
            </div>
          )}
        </Fact>
        <Fact label="Payload hash">
          <span data-testid="payload-hash" className="break-all font-mono text-xs">
            {view.payloadHash}
          </span>
        </Fact>
        {p.decision && (
          <Fact label="Decision" testId="decision">
            <span className="font-medium">{p.decision.outcome}</span> by {DECIDED_BY[p.decision.by] ?? p.decision.by}
            {p.decision.reviewers.length > 0 && <> ({p.decision.reviewers.join(", ")})</>}
            <div>
              <Timestamp date={p.decision.at} now={now} />
            </div>
            {p.decision.comment && (
              <p className="mt-1 whitespace-pre-wrap text-slate-700">
                “<VisibleText text={p.decision.comment} />”
              </p>
            )}
          </Fact>
        )}
        {p.execution && (
          <Fact label="Execution">
            reported <span className="font-medium">{p.execution.status}</span> by the agent
            {p.execution.at && (
              <>
                {" "}
                · <Timestamp date={p.execution.at} now={now} />
              </>
            )}
          </Fact>
        )}
      </dl>
      {p.reviews.length > 0 && (
        <div className="mt-3 border-t border-slate-200 pt-3">
          <h3 className="text-sm font-medium text-slate-700">Reviews</h3>
          <ol data-testid="reviews" className="mt-1 space-y-2 text-sm">
            {p.reviews.map((r, i) => (
              <li key={i} className="flex flex-wrap items-baseline gap-x-2">
                <span
                  className={`rounded px-1.5 text-xs font-semibold uppercase ring-1 ${r.outcome === "approve" ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-red-50 text-red-800 ring-red-200"}`}
                >
                  {r.outcome === "approve" ? "approved" : "rejected"}
                </span>
                <strong className="font-medium">{r.reviewer}</strong>
                {p.distinctGroups && r.group && <span className="text-slate-500">for {r.group}</span>}
                {r.edited && <span className="text-amber-800">with an edited payload</span>}
                {r.forEarlierPayload && <span className="text-slate-500">(of an earlier payload: no longer counted)</span>}
                {r.notCounted && !r.forEarlierPayload && (
                  <span data-testid="review-not-counted" className="text-slate-500">
                    (not counted: not eligible under the edited payload&apos;s rule)
                  </span>
                )}
                <span className="text-xs text-slate-500">
                  <Timestamp date={r.at} now={now} />
                </span>
                {r.comment && (
                  <p className="basis-full whitespace-pre-wrap text-slate-700">
                    “<VisibleText text={r.comment} />”
                  </p>
                )}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
