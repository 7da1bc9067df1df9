import { enqueueJobs } from "@/lib/platform/jobs/enqueue-jobs.ts";
import { findReviewersToNotify } from "./find-reviewers-to-notify.ts";
import { notifyReviewers } from "./notify-reviewers.ts";

/**
 * The reminder timer: if the request still waits with the deadline the timer was set for,
 * remind the reviewers who may decide it and have not yet.
 */
export async function remindReviewers(requestId: string, expiresAtMs: number): Promise<{ reminded: boolean }> {
  // Null unless the request is still pending.
  const found = await findReviewersToNotify(requestId);
  if (!found || found.request.expiresAt.getTime() !== expiresAtMs) return { reminded: false };
  await enqueueJobs(await notifyReviewers(found, "request.reminder"));
  return { reminded: true };
}
