import { z } from "zod";
import { defineJob } from "@/lib/platform/jobs/define-job.ts";
import { QUEUES } from "@/lib/platform/jobs/queues.ts";
import { ZNotificationKind } from "./notification-kinds.ts";
import { remindReviewers } from "./remind-reviewers.ts";
import { sendChatNotification } from "./send-chat-notification.ts";
import { sendEmailNotification } from "./send-email-notification.ts";

const retried = { attempts: 5, backoff: { type: "exponential", delay: 2000 } };

/** A pending request's reminder timer (request-timers.ts). */
export const remindReviewersJob = defineJob({
  name: "requests.remind",
  queue: QUEUES.maintenance,
  schema: z.object({ requestId: z.uuid(), expiresAt: z.number().int() }).strict(),
  handle: ({ requestId, expiresAt }) => remindReviewers(requestId, expiresAt),
});

export const sendEmailJob = defineJob({
  name: "notify.email",
  queue: QUEUES.delivery,
  schema: z.object({ notificationId: z.uuid() }).strict(),
  options: retried,
  handle: ({ notificationId }) => sendEmailNotification(notificationId),
});

export const sendChatJob = defineJob({
  name: "notify.chat",
  queue: QUEUES.delivery,
  schema: z.object({ groupId: z.uuid(), requestId: z.uuid(), kind: ZNotificationKind }).strict(),
  options: retried,
  handle: (input) => sendChatNotification(input),
});
