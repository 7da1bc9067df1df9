import { enqueueJobs } from "@/lib/jobs/enqueue-jobs.ts";
import { db } from "@/lib/server/db.ts";
import { notifyReviewers } from "./notify-reviewers.ts";

/**
 * The reminder timer: if the request still waits with the deadline the timer was set for,
 * remind the reviewers who may decide it and have not yet.
 */
export async function remindReviewers(requestId: string, expiresAtMs: number): Promise<{ reminded: boolean }> {
  const request = await db().approvalRequest.findUnique({ where: { id: requestId }, select: { status: true, expiresAt: true } });
  if (!request || request.status !== "pending" || request.expiresAt.getTime() !== expiresAtMs) return { reminded: false };
  await enqueueJobs(await notifyReviewers(requestId, "request.reminder"));
  return { reminded: true };
}
