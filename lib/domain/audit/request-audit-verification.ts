import type { Actor } from "@/lib/domain/auth/actor.ts";
import { requireReader } from "@/lib/domain/users/require-reader.ts";
import { db } from "@/lib/platform/db.ts";
import { enqueue } from "@/lib/platform/jobs/enqueue-jobs.ts";
import { verifyAuditJob } from "./audit-jobs.ts";
import { recordAuditEvent } from "./record-audit-event.ts";

/** Queues a verification now (one at a time: the job id is fixed while one waits or runs). */
export async function requestAuditVerification(options: { actor: Actor }): Promise<void> {
  await requireReader(db(), options.actor, "the audit trail");
  const requestedBy = options.actor.kind === "user" ? options.actor.userId : options.actor.kind;
  await enqueue(verifyAuditJob, { requestedBy }, { jobId: "audit-verify-on-request", removeOnComplete: true, removeOnFail: true });
  await db().$transaction((tx) =>
    recordAuditEvent(tx, { type: "audit.verification_requested", actor: options.actor, subject: "audit:chain", data: {} }),
  );
}
