import Link from "next/link";
import { listAgents } from "@/lib/domain/agents/list-agents.ts";
import { requireSessionActor } from "@/lib/web/session.ts";
import { getCurrentUser } from "@/lib/domain/users/get-current-user.ts";
import { forbiddenToPage } from "@/lib/web/errors/to-page.ts";
import { AgentControls } from "./_components/agent-controls.tsx";
import { CreateAgentForm } from "./_components/create-agent-form.tsx";

export const metadata = { title: "Agents · Countersign" };

export default async function AgentsPage() {
  const actor = await requireSessionActor("/admin/agents");
  const agents = await listAgents({ actor }).catch(forbiddenToPage);
  const canEdit = (await getCurrentUser({ actor })).role === "admin";
  return (
    <div className="space-y-6">
      <h1 className="text-lg font-semibold">Agents</h1>
      {canEdit && <CreateAgentForm />}
      <ul className="space-y-3">
        {agents.map((a) => (
          <li key={a.id} data-testid="agent-row" className="rounded-lg border border-slate-200 bg-white p-4">
            <div className="flex flex-wrap items-baseline gap-3">
              <span className="font-semibold">{a.name}</span>
              <span
                data-testid="agent-status"
                className={`rounded px-2 py-0.5 text-xs font-medium ${a.status === "active" ? "bg-emerald-100 text-emerald-900" : "bg-red-100 text-red-900"}`}
              >
                {a.status}
              </span>
              <span className="font-mono text-xs text-slate-500">{a.id}</span>
              <span className="text-sm text-slate-600">{a.pending} pending</span>
              <Link href={`/admin/agents/${a.id}/limits`} className="ml-auto text-sm text-slate-700 underline-offset-2 hover:underline">
                Limits
              </Link>
              <Link href={`/admin/agents/${a.id}/webhook`} className="text-sm text-slate-700 underline-offset-2 hover:underline">
                Webhook{a.webhook ? ` (${a.webhook})` : ""}
              </Link>
            </div>
            <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-[8rem_1fr]">
              <dt className="text-slate-500">Scopes</dt>
              <dd className="font-mono">{a.scopes.join(", ")}</dd>
              <dt className="text-slate-500">Owner</dt>
              <dd>{a.owner ?? "—"}</dd>
              <dt className="text-slate-500">Tags</dt>
              <dd>{a.tags.join(", ") || "—"}</dd>
              <dt className="text-slate-500">Keys</dt>
              <dd>
                <ul className="space-y-0.5 font-mono text-xs">
                  {a.keys.map((k) => (
                    <li key={k.id}>
                      csk_{k.prefix}_…{" "}
                      {k.active ? <span className="text-emerald-700">active</span> : <span className="text-slate-500">inactive</span>}
                      {k.expiresAt && k.active && <span className="text-amber-700"> until {k.expiresAt.toISOString()}</span>}
                      {k.revokedAt && <span className="text-slate-500"> revoked</span>}
                      {k.lastUsedAt && <span className="text-slate-500"> · last used {k.lastUsedAt.toISOString()}</span>}
                    </li>
                  ))}
                </ul>
              </dd>
            </dl>
            {canEdit && (
              <AgentControls
                agentId={a.id}
                name={a.name}
                status={a.status}
                activeKeys={a.keys.filter((k) => k.active).map((k) => k.prefix)}
                scopes={a.scopes}
                tags={a.tags}
                owner={a.owner}
              />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
