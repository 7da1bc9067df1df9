import type { JobToAdd } from "@/lib/platform/jobs/enqueue-jobs.ts";
import { QUEUES } from "@/lib/platform/jobs/queues.ts";
import { env } from "@/lib/platform/env.ts";

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
    { queue: QUEUES.maintenance, name: "requests.expire", data: { requestId: request.id }, opts: { jobId: `expire-${request.id}-${at}`, delay: Math.max(0, at - now + 50) } },
  ];
  const before = env().REMINDER_BEFORE_EXPIRY_SECONDS * 1000;
  if (before > 0) {
    const remindAt = at - Math.min(before, (at - request.createdAt.getTime()) / 2);
    if (remindAt > now) {
      jobs.push({ queue: QUEUES.maintenance, name: "requests.remind", data: { requestId: request.id, expiresAt: at }, opts: { jobId: `remind-${request.id}-${at}`, delay: remindAt - now } });
    }
  }
  return jobs;
}
