import { z } from "zod";
import { defineJob } from "@/lib/platform/jobs/define-job.ts";
import { QUEUES } from "@/lib/platform/jobs/queues.ts";
import { pruneLimitRecords } from "./prune-limit-records.ts";

/** Drops rate and strike records older than any window still looks at. */
export const pruneLimitsJob = defineJob({
  name: "limits.prune",
  queue: QUEUES.maintenance,
  schema: z.object({}).strict(),
  every: () => 3_600_000,
  handle: () => pruneLimitRecords(),
});
