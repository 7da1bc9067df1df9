import Link from "next/link";
import { requireSessionActor } from "@/lib/http/session.ts";
import { listInbox } from "@/lib/reviews/list-inbox.ts";
import { RISK_STYLES, relativeTime } from "../_components/format.ts";
import { AutoRefresh } from "../_components/auto-refresh.tsx";

export const metadata = { title: "Inbox · Countersign" };

export default async function InboxPage() {
  const actor = await requireSessionActor("/inbox");
  const inbox = await listInbox({ actor });
  const now = new Date();
  return (
    <section aria-labelledby="inbox-title">
      <AutoRefresh seconds={5} />
      <div className="flex items-baseline justify-between">
        <h1 id="inbox-title" className="text-lg font-semibold">Pending requests <span className="text-slate-500">({inbox.items.length})</span></h1>
        <p className="text-sm text-slate-500">Soonest to expire first</p>
      </div>
      {inbox.mode === "read_only" && (
        <p className="mt-2 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          Read-only: your role can see every pending request but only reviewers decide.
        </p>
      )}
      {inbox.items.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-10 text-center text-slate-600">
          Nothing is waiting for you. New requests appear here.
        </p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">Action</th>
                <th scope="col" className="px-3 py-2">Agent</th>
                <th scope="col" className="px-3 py-2">Summary <span className="normal-case">(written by the agent)</span></th>
                <th scope="col" className="px-3 py-2">Risk</th>
                <th scope="col" className="px-3 py-2">Approvals</th>
                <th scope="col" className="px-3 py-2">Expires</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {inbox.items.map((item) => (
                <tr key={item.id} data-testid="inbox-row" className="hover:bg-slate-50">
                  <td className="px-3 py-2">
                    <Link href={`/requests/${item.id}`} className="font-medium text-slate-900 underline-offset-2 hover:underline focus:outline-none focus:ring-2 focus:ring-slate-400">
                      {item.actionName}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{item.action}</div>
                  </td>
                  <td className="px-3 py-2 text-slate-700">{item.agentName}</td>
                  <td className="max-w-md truncate px-3 py-2 text-slate-700" title={item.summary ?? ""}>{item.summary ?? <span className="text-slate-400">—</span>}</td>
                  <td className="px-3 py-2">
                    <span className={`rounded px-2 py-0.5 text-xs font-medium ring-1 ${RISK_STYLES[item.riskLevel]}`}>{item.riskLevel}</span>
                  </td>
                  <td className="px-3 py-2 tabular-nums text-slate-700">{item.approvals} of {item.requiredApprovals}</td>
                  <td className="px-3 py-2 text-slate-700" title={item.expiresAt.toISOString()}>{relativeTime(item.expiresAt, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
