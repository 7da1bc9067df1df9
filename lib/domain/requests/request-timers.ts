import { jobToAdd, type JobToAdd } from "@/lib/platform/jobs/enqueue-jobs.ts";
import { env } from "@/lib/platform/env.ts";
import { remindReviewersJob } from "@/lib/domain/notifications/notification-jobs.ts";
import { expireRequestJob } from "./request-jobs.ts";

/**
 * Delayed jobs for a pending request's deadline: expire (or escalate) at `expiresAt`, and remind
 * the reviewers REMINDER_BEFORE_EXPIRY_SECONDS before it (or half-way, for short deadlines). The
 * ids carry the deadline, so an escalation's new deadline gets new timers. They are hints: each
 * re-checks the request in a transaction, and the periodic sweep expires anything a lost timer
 * left behind.
 */
export function requestTimerJobs(request: { id: string; createdAt: Date; expiresAt: Date }, now = Date.now()): JobToAdd[] {
  const at = request.expiresAt.getTime();
  const jobs: JobToAdd[] = [
    // A little after the deadline, so the job never runs before the row counts as due.
    jobToAdd(expireRequestJob, { requestId: request.id }, { jobId: `expire-${request.id}-${at}`, delay: Math.max(0, at - now + 50) }),
  ];
  const before = env().REMINDER_BEFORE_EXPIRY_SECONDS * 1000;
  if (before > 0) {
    const remindAt = at - Math.min(before, (at - request.createdAt.getTime()) / 2);
    if (remindAt > now) {
      jobs.push(
        jobToAdd(
          remindReviewersJob,
          { requestId: request.id, expiresAt: at },
          { jobId: `remind-${request.id}-${at}`, delay: remindAt - now },
        ),
      );
    }
  }
  return jobs;
}
