import { jobToAdd, type JobToAdd } from "@/lib/platform/jobs/enqueue-jobs.ts";
import { db } from "@/lib/platform/db.ts";
import { env } from "@/lib/platform/env.ts";
import { sendEmailJob } from "./notification-jobs.ts";

/** Kinds of notification that go to admins and are about an agent, not a request. */
export const ADMIN_NOTIFICATION_KINDS = ["agent.breaker_tripped"] as const;
export type TAdminNotificationKind = (typeof ADMIN_NOTIFICATION_KINDS)[number];

/**
 * Tells every active admin about an agent (today: the circuit breaker paused it): an in-app row
 * each, unique per admin and outbox event so a re-run adds nothing, and an email each when SMTP
 * is set and they want email. Returns the email jobs.
 */
export async function notifyAdmins(event: { eventId: string; kind: TAdminNotificationKind; agentId: string }): Promise<JobToAdd[]> {
  const admins = await db().user.findMany({ where: { role: "admin", disabledAt: null }, select: { id: true, notifyByEmail: true } });
  await db().notification.createMany({
    data: admins.map((a) => ({ userId: a.id, kind: event.kind, agentId: event.agentId, eventId: event.eventId })),
    skipDuplicates: true,
  });
  if (!env().SMTP_URL) return [];
  const rows = await db().notification.findMany({
    where: { eventId: event.eventId, userId: { in: admins.filter((a) => a.notifyByEmail).map((a) => a.id) } },
    select: { id: true },
  });
  return rows.map((n) => jobToAdd(sendEmailJob, { notificationId: n.id }, { jobId: `email-${n.id}` }));
}
