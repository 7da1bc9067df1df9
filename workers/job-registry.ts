import { z } from "zod";
import { runAuditVerification } from "@/lib/domain/audit/run-audit-verification.ts";
import { sealAuditEvents } from "@/lib/domain/audit/seal-audit-events.ts";
import { reencryptStoredData } from "@/lib/domain/secrets/reencrypt-stored-data.ts";
import { pruneLimitRecords } from "@/lib/domain/limits/prune-limit-records.ts";
import { ZNotificationKind } from "@/lib/domain/notifications/notification-kinds.ts";
import { remindReviewers } from "@/lib/domain/notifications/remind-reviewers.ts";
import { sendChatNotification } from "@/lib/domain/notifications/send-chat-notification.ts";
import { sendEmailNotification } from "@/lib/domain/notifications/send-email-notification.ts";
import { dispatchOutboxEvent } from "@/lib/domain/outbox/dispatch-outbox-event.ts";
import { requeueStaleOutbox } from "@/lib/domain/outbox/requeue-stale-outbox.ts";
import { expireDueRequests } from "@/lib/domain/requests/expire-due-requests.ts";
import { purgeRequestContent } from "@/lib/domain/requests/purge-request-content.ts";
import { env } from "@/lib/platform/env.ts";
import { deliverWebhook } from "@/lib/domain/webhooks/deliver-webhook.ts";
import { resumeDueDeliveries } from "@/lib/domain/webhooks/resume-due-deliveries.ts";
import { defineJob, type JobDefinition } from "@/lib/platform/jobs/define-job.ts";

const ZNoData = z.object({}).strict();
const ZId = z.uuid();

export const JOBS = [
  defineJob({
    name: "audit.seal",
    schema: ZNoData,
    handle: async () => {
      let total = 0;
      for (let n = await sealAuditEvents(); n > 0; n = await sealAuditEvents()) total += n;
      return { sealed: total };
    },
  }),
  defineJob({
    name: "audit.verify",
    schema: z.object({ requestedBy: z.string().max(100).default("schedule") }).strict(),
    handle: ({ requestedBy }) => runAuditVerification(requestedBy),
  }),
  defineJob({
    name: "requests.expire-due",
    schema: ZNoData,
    handle: async () => ({ expired: await expireDueRequests() }),
  }),
  defineJob({
    name: "requests.expire",
    schema: z.object({ requestId: ZId }).strict(),
    handle: async ({ requestId }) => ({ expired: await expireDueRequests({ requestId }) }),
  }),
  defineJob({
    name: "requests.remind",
    schema: z.object({ requestId: ZId, expiresAt: z.number().int() }).strict(),
    handle: ({ requestId, expiresAt }) => remindReviewers(requestId, expiresAt),
  }),
  defineJob({
    name: "requests.purge",
    schema: ZNoData,
    handle: async () => {
      const days = env().RETENTION_DAYS;
      return days > 0 ? purgeRequestContent({ actor: { kind: "system", name: "retention" }, olderThanDays: days }) : { purged: 0 };
    },
  }),
  defineJob({
    name: "limits.prune",
    schema: ZNoData,
    handle: () => pruneLimitRecords(),
  }),
  defineJob({
    name: "encryption.reencrypt",
    schema: ZNoData,
    handle: () => reencryptStoredData({ actor: { kind: "system", name: "reencryption" } }),
  }),
  defineJob({
    name: "outbox.dispatch",
    schema: z.object({ outboxId: ZId }).strict(),
    handle: ({ outboxId }) => dispatchOutboxEvent(outboxId),
  }),
  defineJob({
    name: "outbox.requeue-stale",
    schema: ZNoData,
    handle: () => requeueStaleOutbox(),
  }),
  defineJob({
    name: "webhook.deliver",
    schema: z.object({ deliveryId: ZId, attempt: z.number().int().min(1) }).strict(),
    handle: ({ deliveryId, attempt }) => deliverWebhook(deliveryId, attempt),
  }),
  defineJob({
    name: "webhooks.resume-due",
    schema: ZNoData,
    handle: async () => ({ resumed: await resumeDueDeliveries() }),
  }),
  defineJob({
    name: "notify.email",
    schema: z.object({ notificationId: ZId }).strict(),
    handle: ({ notificationId }) => sendEmailNotification(notificationId),
  }),
  defineJob({
    name: "notify.chat",
    schema: z.object({ groupId: ZId, requestId: ZId, kind: ZNotificationKind }).strict(),
    handle: (input) => sendChatNotification(input),
  }),
] as const satisfies readonly JobDefinition[];

const byName = new Map<string, JobDefinition>(JOBS.map((j) => [j.name, j]));

export function findJob(name: string): JobDefinition | undefined {
  return byName.get(name);
}
