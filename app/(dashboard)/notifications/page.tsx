import Link from "next/link";
import { requireSessionActor } from "@/lib/web/session.ts";
import { listNotifications } from "@/lib/domain/notifications/list-notifications.ts";
import { Timestamp } from "../_components/timestamp.tsx";
import { MarkAllReadButton } from "./_components/mark-all-read-button.tsx";

export const metadata = { title: "Notifications · Countersign" };

const KIND_TEXT: Record<string, string> = {
  "request.pending": "waits for your review",
  "request.reminder": "expires soon and still waits for you",
  "request.escalated": "was escalated to your group",
  "agent.breaker_tripped": "was paused by the circuit breaker",
};

export default async function NotificationsPage() {
  const actor = await requireSessionActor("/notifications");
  const items = await listNotifications({ actor });
  const now = new Date();
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-lg font-semibold">Notifications</h1>
        {items.some((n) => !n.readAt) && <MarkAllReadButton />}
      </div>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">
          Nothing yet. You are notified here (and by email, if the operator set up SMTP) when a request waits for you.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {items.map((n) => (
            <li
              key={n.id}
              data-testid="notification"
              className={`flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-3 text-sm ${n.readAt ? "" : "bg-sky-50"}`}
            >
              {!n.readAt && <span className="sr-only">Unread:</span>}
              {n.agentId ? (
                <Link href={`/admin/agents/${n.agentId}/limits`} className="font-medium text-slate-900 underline-offset-2 hover:underline">
                  {n.agent ? `Agent ${n.agent.name}` : "An agent"}
                </Link>
              ) : (
                <Link href={`/requests/${n.requestId}`} className="font-medium text-slate-900 underline-offset-2 hover:underline">
                  {n.request ? `${n.request.actionName} from ${n.request.agentName}` : "A request"}
                </Link>
              )}
              <span className="text-slate-700">{KIND_TEXT[n.kind] ?? n.kind}</span>
              {n.request && n.request.status !== "pending" && (
                <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700">now {n.request.status}</span>
              )}
              {n.agent && n.agent.status === "active" && (
                <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700">resumed since</span>
              )}
              <span className="ml-auto text-xs text-slate-500">
                <Timestamp date={n.createdAt} now={now} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
