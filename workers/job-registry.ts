import { sealAuditJob, verifyAuditJob } from "@/lib/domain/audit/audit-jobs.ts";
import { pruneLimitsJob } from "@/lib/domain/limits/limit-jobs.ts";
import { remindReviewersJob, sendChatJob, sendEmailJob } from "@/lib/domain/notifications/notification-jobs.ts";
import { dispatchOutboxJob, requeueStaleOutboxJob } from "@/lib/domain/outbox/outbox-jobs.ts";
import { expireDueRequestsJob, expireRequestJob, purgeRequestsJob } from "@/lib/domain/requests/request-jobs.ts";
import { reencryptJob } from "@/lib/domain/secrets/secret-jobs.ts";
import { deliverWebhookJob, resumeDueDeliveriesJob } from "@/lib/domain/webhooks/webhook-jobs.ts";
import type { JobDefinition } from "@/lib/platform/jobs/define-job.ts";

/** Every job the worker runs, as each domain declares it; schedules come from their `every`. */
export const JOBS: readonly JobDefinition[] = [
  sealAuditJob,
  verifyAuditJob,
  expireDueRequestsJob,
  expireRequestJob,
  purgeRequestsJob,
  remindReviewersJob,
  pruneLimitsJob,
  reencryptJob,
  dispatchOutboxJob,
  requeueStaleOutboxJob,
  deliverWebhookJob,
  resumeDueDeliveriesJob,
  sendEmailJob,
  sendChatJob,
];

const byName = new Map<string, JobDefinition>(JOBS.map((j) => [j.name, j]));

export function findJob(name: string): JobDefinition | undefined {
  return byName.get(name);
}
