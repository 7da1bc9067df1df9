import { z } from "zod";
import { sealAuditEvents } from "@/lib/audit/seal-audit-events.ts";
import { expireDueRequests } from "@/lib/requests/expire-due-requests.ts";
import { defineJob, type JobDefinition } from "./define-job.ts";

const ZNoData = z.object({}).strict();

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
    name: "requests.expire-due",
    schema: ZNoData,
    handle: async () => ({ expired: await expireDueRequests() }),
  }),
] as const satisfies readonly JobDefinition[];

const byName = new Map<string, JobDefinition>(JOBS.map((j) => [j.name, j]));

export function findJob(name: string): JobDefinition | undefined {
  return byName.get(name);
}
