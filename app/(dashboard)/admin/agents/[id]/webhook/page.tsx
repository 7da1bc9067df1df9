import Link from "next/link";
import { requireSessionActor } from "@/lib/web/session.ts";
import { getCurrentUser } from "@/lib/domain/users/get-current-user.ts";
import { getWebhookEndpoint } from "@/lib/domain/webhooks/get-webhook-endpoint.ts";
import { WEBHOOK_EVENTS } from "@/lib/domain/webhooks/webhook-events.ts";
import { Timestamp } from "../../../../_components/timestamp.tsx";
import { forbiddenToPage } from "@/lib/web/errors/to-page.ts";
import { RedeliverButton } from "./_components/redeliver-button.tsx";
import { WebhookSettings } from "./_components/webhook-settings.tsx";

export const metadata = { title: "Webhook · Countersign" };

const STATE_STYLE = {
  delivered: "bg-emerald-100 text-emerald-900",
  pending: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-900",
} as const;

export default async function WebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireSessionActor(`/admin/agents/${id}/webhook`);
  const { agent, endpoint } = await getWebhookEndpoint({ actor, agentId: id }).catch(forbiddenToPage);
  const canEdit = (await getCurrentUser({ actor })).role === "admin";
  const now = new Date();
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/agents" className="text-sm text-slate-600 hover:underline">
          ← Agents
        </Link>
        <h1 className="mt-1 text-lg font-semibold">Webhook of {agent.name}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Decisions on this agent&apos;s requests are POSTed here, signed per Standard Webhooks (<code>webhook-id</code>,{" "}
          <code>webhook-timestamp</code>, <code>webhook-signature</code>). Failed deliveries are retried with backoff; a{" "}
          <code>410 Gone</code> disables the endpoint.
        </p>
      </div>
      {endpoint && (
        <dl className="grid gap-1 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-500">URL</dt>
          <dd className="break-all font-mono" data-testid="webhook-url">
            {endpoint.url}
          </dd>
          <dt className="text-slate-500">State</dt>
          <dd data-testid="webhook-state">
            {endpoint.disabledAt ? (
              <span className="text-red-800">disabled — {endpoint.disabledReason}</span>
            ) : (
              <span className="text-emerald-800">enabled</span>
            )}
          </dd>
          <dt className="text-slate-500">Events</dt>
          <dd className="font-mono text-xs">{endpoint.events.join(", ")}</dd>
          {endpoint.previousSecretExpiresAt && (
            <>
              <dt className="text-slate-500">Rotation</dt>
              <dd>
                previous secret also signs until <Timestamp date={endpoint.previousSecretExpiresAt} now={now} />
              </dd>
            </>
          )}
        </dl>
      )}
      {canEdit && (
        <WebhookSettings
          agentId={agent.id}
          url={endpoint?.url ?? ""}
          events={endpoint?.events ?? []}
          allEvents={WEBHOOK_EVENTS}
          configured={endpoint !== null}
        />
      )}
      {!endpoint && !canEdit && <p className="text-sm text-slate-600">No endpoint configured.</p>}
      {endpoint && (
        <section aria-labelledby="deliveries" className="space-y-2">
          <h2 id="deliveries" className="font-semibold">
            Deliveries
          </h2>
          {endpoint.deliveries.length === 0 ? (
            <p className="text-sm text-slate-600">None yet.</p>
          ) : (
            <ul className="space-y-2">
              {endpoint.deliveries.map((d) => (
                <li key={d.id} data-testid="delivery" className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATE_STYLE[d.state]}`} data-testid="delivery-state">
                      {d.state}
                    </span>
                    <span className="font-mono text-xs">{d.eventType}</span>
                    {d.requestId && (
                      <Link href={`/requests/${d.requestId}`} className="font-mono text-xs text-slate-600 hover:underline">
                        {d.requestId}
                      </Link>
                    )}
                    <span className="text-xs text-slate-500">id {d.id}</span>
                    <span className="ml-auto text-xs text-slate-500">
                      {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
                    </span>
                    {canEdit && !endpoint.disabledAt && (
                      <RedeliverButton agentId={agent.id} deliveryId={d.id} scheduled={d.state === "pending" && d.nextAttemptAt > now} />
                    )}
                  </div>
                  {d.state === "pending" && d.nextAttemptAt > now && (
                    <p className="mt-1 text-xs text-amber-800">
                      next attempt <Timestamp date={d.nextAttemptAt} now={now} />
                    </p>
                  )}
                  {d.attemptLog.length > 0 && (
                    <table className="mt-2 text-xs">
                      <thead className="text-left text-slate-500">
                        <tr>
                          <th className="pr-4 font-normal">#</th>
                          <th className="pr-4 font-normal">at</th>
                          <th className="pr-4 font-normal">status</th>
                          <th className="pr-4 font-normal">latency</th>
                          <th className="font-normal">error</th>
                        </tr>
                      </thead>
                      <tbody>
                        {d.attemptLog.map((a) => (
                          <tr key={a.attempt} data-testid="delivery-attempt">
                            <td className="pr-4 tabular-nums">{a.attempt}</td>
                            <td className="pr-4 tabular-nums">{a.startedAt.toISOString()}</td>
                            <td className="pr-4 tabular-nums">{a.status ?? "—"}</td>
                            <td className="pr-4 tabular-nums">{a.durationMs} ms</td>
                            <td className="break-all text-red-800">{a.error ?? ""}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
