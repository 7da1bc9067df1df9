import { z } from "zod";
import { defineJob } from "@/lib/platform/jobs/define-job.ts";
import { QUEUES } from "@/lib/platform/jobs/queues.ts";
import { runAuditVerification } from "./run-audit-verification.ts";
import { sealAuditEvents } from "./seal-audit-events.ts";

/** Chains the events committed since the last pass (see docs/AUDIT.md). */
export const sealAuditJob = defineJob({
  name: "audit.seal",
  queue: QUEUES.maintenance,
  schema: z.object({}).strict(),
  every: (config) => config.AUDIT_SEAL_INTERVAL_MS,
  handle: async () => {
    let total = 0;
    for (let n = await sealAuditEvents(); n > 0; n = await sealAuditEvents()) total += n;
    return { sealed: total };
  },
});

/** Re-verifies the whole chain: on a schedule when AUDIT_VERIFY_INTERVAL_MS is set, or on request. */
export const verifyAuditJob = defineJob({
  name: "audit.verify",
  queue: QUEUES.maintenance,
  schema: z.object({ requestedBy: z.string().max(100).default("schedule") }).strict(),
  every: (config) => config.AUDIT_VERIFY_INTERVAL_MS,
  handle: ({ requestedBy }) => runAuditVerification(requestedBy),
});
