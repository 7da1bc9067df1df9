import { jobToAdd, type JobToAdd } from "@/lib/platform/jobs/enqueue-jobs.ts";
import { db } from "@/lib/platform/db.ts";
import { env } from "@/lib/platform/env.ts";
import type { ReviewersToNotify } from "./find-reviewers-to-notify.ts";
import type { TNotificationKind } from "./notification-kinds.ts";
import { sendChatJob, sendEmailJob } from "./notification-jobs.ts";

/**
 * Routes one notification about a request to the reviewers who may decide it, as
 * findReviewersToNotify found them (the caller reads them once for all it sets in motion): an
 * in-app row each (unique per user, kind and request, so a re-run adds nothing), an email each
 * when SMTP is set and they want email, and one chat message per approving group with a chat
 * webhook (every group with one when any reviewer may approve). Returns the jobs that send email
 * and chat.
 */
export async function notifyReviewers(found: ReviewersToNotify, kind: TNotificationKind): Promise<JobToAdd[]> {
  const { request, reviewers } = found;
  const requestId = request.id;
  await db().notification.createMany({ data: reviewers.map((r) => ({ userId: r.id, kind, requestId })), skipDuplicates: true });
  const jobs: JobToAdd[] = [];
  if (env().SMTP_URL) {
    const rows = await db().notification.findMany({
      where: { requestId, kind, userId: { in: reviewers.filter((r) => r.notifyByEmail).map((r) => r.id) } },
      select: { id: true },
    });
    for (const n of rows) jobs.push(jobToAdd(sendEmailJob, { notificationId: n.id }, { jobId: `email-${n.id}` }));
  }
  const groups = await db().group.findMany({
    where: { chatWebhookUrl: { not: null }, ...(request.approvingGroups.length ? { name: { in: request.approvingGroups } } : {}) },
    select: { id: true },
  });
  for (const g of groups) {
    jobs.push(jobToAdd(sendChatJob, { groupId: g.id, requestId, kind }, { jobId: `chat-${g.id}-${requestId}-${kind.replace(".", "_")}` }));
  }
  return jobs;
}
