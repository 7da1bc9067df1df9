import { z } from "zod";
import { defineJob } from "@/lib/platform/jobs/define-job.ts";
import { QUEUES } from "@/lib/platform/jobs/queues.ts";
import { dispatchOutboxEvent } from "./dispatch-outbox-event.ts";
import { requeueStaleOutbox } from "./requeue-stale-outbox.ts";

/** One committed outbox event, fanned out (relay-outbox.ts adds it; its job id is the row's id). */
export const dispatchOutboxJob = defineJob({
  name: "outbox.dispatch",
  queue: QUEUES.delivery,
  schema: z.object({ outboxId: z.uuid() }).strict(),
  options: { attempts: 20, backoff: { type: "exponential", delay: 1000 } },
  handle: ({ outboxId }) => dispatchOutboxEvent(outboxId),
});

/** Puts back rows marked queued whose job Redis lost. */
export const requeueStaleOutboxJob = defineJob({
  name: "outbox.requeue-stale",
  queue: QUEUES.maintenance,
  schema: z.object({}).strict(),
  every: (config) => config.DELIVERY_SWEEP_INTERVAL_MS,
  handle: () => requeueStaleOutbox(),
});
