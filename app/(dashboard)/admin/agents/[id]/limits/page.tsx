import Link from "next/link";
import { requireSessionActor } from "@/lib/web/session.ts";
import { getAgentLimits } from "@/lib/domain/limits/get-agent-limits.ts";
import { getCurrentUser } from "@/lib/domain/users/get-current-user.ts";
import { forbiddenToPage } from "@/lib/web/errors/to-page.ts";
import { BudgetForm, LimitsForm, RemoveBudgetButton } from "./_components/limits-form.tsx";

export const metadata = { title: "Limits · Countersign" };

const windowText = (s: number | null) => (s ? `${s} s rolling` : "UTC day");

export default async function AgentLimitsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireSessionActor(`/admin/agents/${id}/limits`);
  const view = await getAgentLimits({ actor, agentId: id }).catch(forbiddenToPage);
  const canEdit = (await getCurrentUser({ actor })).role === "admin";
  const { effective } = view;
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/agents" className="text-sm text-slate-600 hover:underline">
          ← Agents
        </Link>
        <h1 className="mt-1 text-lg font-semibold">Limits of {view.agent.name}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Over a limit, submissions get <code>429 rate_limited</code> with <code>Retry-After</code> (payload size: <code>413</code>).
          Rejections, failed executions and limit hits are strikes:{" "}
          {effective.breakerThreshold === 0
            ? "the circuit breaker is off for this agent."
            : `${effective.breakerThreshold} within ${effective.breakerWindowSeconds} s pause the agent and notify admins.`}
        </p>
      </div>
      <dl
        className="grid gap-1 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[16rem_1fr]"
        data-testid="limits-in-force"
      >
        <dt className="text-slate-500">Status</dt>
        <dd data-testid="agent-status">{view.agent.status}</dd>
        <dt className="text-slate-500">Submissions per minute</dt>
        <dd data-testid="submits-per-minute">{effective.submitsPerMinute}</dd>
        <dt className="text-slate-500">Maximum pending</dt>
        <dd>{effective.maxPending}</dd>
        <dt className="text-slate-500">Maximum payload</dt>
        <dd>{effective.maxPayloadBytes} bytes</dd>
        <dt className="text-slate-500">Breaker strikes now</dt>
        <dd data-testid="breaker-strikes">
          {view.breaker.strikes} (since {view.breaker.since})
        </dd>
      </dl>
      {canEdit && <LimitsForm agentId={view.agent.id} settings={view.settings} effective={effective} />}
      <section aria-labelledby="budgets" className="space-y-2">
        <h2 id="budgets" className="font-semibold">
          Spend budgets
        </h2>
        {view.budgets.length === 0 ? (
          <p className="text-sm text-slate-600">None.</p>
        ) : (
          <ul className="space-y-2">
            {view.budgets.map((b) => (
              <li
                key={b.action}
                data-testid="budget"
                className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm"
              >
                <span className="font-mono">{b.action}</span>
                <span>
                  {b.spent} of {b.limit} ({b.budgetField}, {windowText(b.windowSeconds)})
                </span>
                <span className="text-slate-600">over budget: {b.onExceed === "reject" ? "reject" : "review instead of allow"}</span>
                {canEdit && (
                  <span className="ml-auto">
                    <RemoveBudgetButton agentId={view.agent.id} action={b.action} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        {canEdit && <BudgetForm agentId={view.agent.id} actions={view.budgetableActions.map((a) => a.key)} />}
      </section>
    </div>
  );
}
