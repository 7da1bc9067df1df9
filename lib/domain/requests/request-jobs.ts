import { z } from "zod";
import { defineJob } from "@/lib/platform/jobs/define-job.ts";
import { QUEUES } from "@/lib/platform/jobs/queues.ts";
import { env } from "@/lib/platform/env.ts";
import { expireDueRequests } from "./expire-due-requests.ts";
import { purgeRequestContent } from "./purge-request-content.ts";

/** The sweep that expires (or escalates) whatever a lost timer left behind. */
export const expireDueRequestsJob = defineJob({
  name: "requests.expire-due",
  queue: QUEUES.maintenance,
  schema: z.object({}).strict(),
  every: (config) => config.EXPIRY_SWEEP_INTERVAL_MS,
  handle: async () => ({ expired: await expireDueRequests() }),
});

/** One request's deadline timer (request-timers.ts). */
export const expireRequestJob = defineJob({
  name: "requests.expire",
  queue: QUEUES.maintenance,
  schema: z.object({ requestId: z.uuid() }).strict(),
  handle: async ({ requestId }) => ({ expired: await expireDueRequests({ requestId }) }),
});

/** Retention: removes the content of requests closed more than RETENTION_DAYS ago (0: off). */
export const purgeRequestsJob = defineJob({
  name: "requests.purge",
  queue: QUEUES.maintenance,
  schema: z.object({}).strict(),
  every: (config) => (config.RETENTION_DAYS > 0 ? 3_600_000 : 0),
  handle: async () => {
    const days = env().RETENTION_DAYS;
    return days > 0 ? purgeRequestContent({ actor: { kind: "system", name: "retention" }, olderThanDays: days }) : { purged: 0 };
  },
});
