import { z } from "zod";
import { defineJob } from "@/lib/platform/jobs/define-job.ts";
import { QUEUES } from "@/lib/platform/jobs/queues.ts";
import { reencryptStoredData } from "./reencrypt-stored-data.ts";

/** `encryption:reencrypt --enqueue`: moves every encrypted value to the active key, in a worker. */
export const reencryptJob = defineJob({
  name: "encryption.reencrypt",
  queue: QUEUES.maintenance,
  schema: z.object({}).strict(),
  handle: () => reencryptStoredData({ actor: { kind: "system", name: "reencryption" } }),
});
