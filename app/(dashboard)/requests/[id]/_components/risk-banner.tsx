import type { RiskContext } from "@/lib/domain/reviews/assess-request-risk.ts";
import type { ReviewerRequestView } from "@/lib/domain/reviews/get-request-for-reviewer.ts";
import { VisibleText } from "../../../_components/visible-text.tsx";

const LEVEL_TONE: Record<string, string> = {
  low: "border-slate-300 bg-white",
  medium: "border-amber-300 bg-amber-50/40",
  high: "border-orange-400 bg-orange-50/50",
  critical: "border-red-500 bg-red-50/50",
};

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid gap-0.5 py-1.5 sm:grid-cols-[9rem_minmax(0,1fr)] sm:gap-3">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd data-testid={testId} className="min-w-0 text-sm text-slate-900">
        {children}
      </dd>
    </div>
  );
}

/**
 * What Countersign itself found, at the top of the request page and apart from anything the agent
 * wrote: the action's risk level, the policy rule that asked for review, the risk flags the
 * platform's detectors raised, spend against budget (when tracked), whether the recipient is new
 * for this agent, and the approvals so far.
 */
export function RiskBanner({ view, context }: { view: ReviewerRequestView; context: RiskContext }) {
  const p = view.platform;
  const { risk } = view;
  const { budget, recipient } = context;
  const approvers = p.reviews.filter((r) => r.outcome === "approve" && !r.forEarlierPayload).map((r) => r.reviewer);
  const newRecipients = recipient?.recipients.filter((r) => !r.seenBefore) ?? [];
  return (
    <section
      aria-labelledby="risk-title"
      data-testid="risk-banner"
      className={`rounded-lg border-2 p-4 shadow-sm ${LEVEL_TONE[p.riskLevel] ?? LEVEL_TONE.low}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="risk-title" className="font-semibold">
          Risk assessment <span className="text-sm font-normal text-slate-600">— computed by Countersign, not by the agent</span>
        </h2>
        <span data-testid="risk-score" className="text-sm font-medium tabular-nums">
          Risk score {risk.score} / 100
        </span>
      </div>
      <dl className="mt-2 divide-y divide-slate-200/70">
        <Row label="Action risk">
          <span className="font-medium">{p.riskLevel}</span> <span className="text-slate-600">(set on the action type {p.action})</span>
        </Row>
        <Row label="Policy">
          {p.ruleName ? (
            <>
              rule <strong className="font-semibold">{p.ruleName}</strong>
            </>
          ) : (
            <span>no rule matched (review by default)</span>
          )}
          {p.policyVersion !== null && <span className="text-slate-600"> · version {p.policyVersion}</span>}
          <div className="text-slate-700">
            <VisibleText text={p.policyReason} />
          </div>
        </Row>
        <Row label="Risk flags" testId="risk-flags">
          {risk.flags.length === 0 ? (
            <span className="text-slate-700">None raised by the platform&apos;s checks.</span>
          ) : (
            <ul className="space-y-1">
              {risk.flags.map((f) => (
                <li key={f.flag} data-testid="risk-flag" data-flag={f.flag}>
                  <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-900 ring-1 ring-red-300">{f.title}</span>{" "}
                  <span className="font-mono text-xs text-slate-600">{f.flag}</span>
                  <div className="text-xs text-slate-700">{f.description}</div>
                  {f.paths.length > 0 && (
                    <div className="text-xs text-slate-600">
                      Found at <span className="font-mono">{f.paths.slice(0, 5).join(", ")}</span>
                      {f.paths.length > 5 && ` and ${f.paths.length - 5} more`}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Row>
        {budget && (
          <Row label="Budget" testId="risk-budget">
            This request: <strong className="tabular-nums">{budget.amount}</strong> · already spent{" "}
            <span className="tabular-nums">{budget.spent}</span> of <span className="tabular-nums">{budget.limit}</span>{" "}
            {budget.windowSeconds ? `in the last ${formatWindow(budget.windowSeconds)}` : "today (UTC)"}
            {budget.exceeded && (
              <strong className="ml-1 text-red-800">— over the budget{budget.onExceed === "review" ? ", so it needs review" : ""}</strong>
            )}
          </Row>
        )}
        {recipient && (
          <Row label="Recipient" testId="risk-recipient">
            {newRecipients.length > 0 ? (
              <span className="font-medium text-red-800">
                First time:{" "}
                {newRecipients.map((r, i) => (
                  <span key={r.value}>
                    {i > 0 && ", "}
                    <VisibleText text={r.value} />
                  </span>
                ))}
              </span>
            ) : (
              <span>Seen before</span>
            )}
            <div className="text-xs text-slate-600">
              Field <span className="font-mono">{recipient.field}</span>, compared with this agent&apos;s last{" "}
              {recipient.lookback.toLocaleString("en")} approved requests of this action.
            </div>
          </Row>
        )}
        <Row label="Approvals" testId="banner-approvals">
          <span className="font-medium tabular-nums">
            {p.approvals} of {p.requiredApprovals}
          </span>
          {approvers.length > 0 ? (
            <span className="text-slate-700"> · by {approvers.join(", ")}</span>
          ) : (
            <span className="text-slate-600"> · none yet</span>
          )}
        </Row>
      </dl>
    </section>
  );
}

function formatWindow(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} day${seconds === 86_400 ? "" : "s"}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? "" : "s"}`;
  return `${Math.round(seconds / 60)} minutes`;
}
