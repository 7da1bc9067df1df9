// Jobs are declared once (lib/domain/*/*-jobs.ts): the worker's registry and schedules come from
// the declarations, and a producer's data is checked by the compiler against the job's schema —
// the `@ts-expect-error` lines below fail `npm run typecheck` the day that check stops working.
import { describe, expect, it } from "vitest";
import { verifyAuditJob } from "@/lib/domain/audit/audit-jobs.ts";
import { sendChatJob } from "@/lib/domain/notifications/notification-jobs.ts";
import { deliverWebhookJob } from "@/lib/domain/webhooks/webhook-jobs.ts";
import { jobToAdd } from "@/lib/platform/jobs/enqueue-jobs.ts";
import { QUEUES } from "@/lib/platform/jobs/queues.ts";
import { findJob, JOBS } from "@/workers/job-registry.ts";

const id = "00000000-0000-4000-8000-000000000000";

describe("job declarations", () => {
  it("name every job once, on a known queue, as <domain>.<verb>", () => {
    const names = JOBS.map((j) => j.name);
    expect(new Set(names).size).toBe(names.length);
    for (const job of JOBS) {
      expect(Object.values(QUEUES)).toContain(job.queue);
      expect(job.name).toMatch(/^[a-z]+\.[a-z-]+$/);
      expect(findJob(job.name)).toBe(job);
    }
    expect(findJob("no.such-job")).toBeUndefined();
  });

  it("build adds from the declaration: its queue, its name, its options under the caller's", () => {
    const add = jobToAdd(deliverWebhookJob, { deliveryId: id, attempt: 2 }, { jobId: "wh-x-2", delay: 5 });
    expect(add).toEqual({
      queue: QUEUES.delivery,
      name: "webhook.deliver",
      data: { deliveryId: id, attempt: 2 },
      opts: { removeOnFail: true, jobId: "wh-x-2", delay: 5 },
    });
    expect(jobToAdd(sendChatJob, { groupId: id, requestId: id, kind: "request.pending" }, { jobId: "c" }).opts).toMatchObject({
      attempts: 5,
    });
  });

  it("refuse, at compile time, data that does not fit the schema", () => {
    // @ts-expect-error — attempt is a number
    jobToAdd(deliverWebhookJob, { deliveryId: id, attempt: "2" }, { jobId: "a" });
    // @ts-expect-error — a field the job does not take
    jobToAdd(verifyAuditJob, { requestedBy: "me", extra: 1 }, { jobId: "b" });
    // @ts-expect-error — a job id is required (deterministic ids make adds idempotent)
    jobToAdd(verifyAuditJob, {}, {});
    // and at run time, the worker's parse refuses what slipped through
    expect(deliverWebhookJob.schema.safeParse({ deliveryId: id, attempt: "2" }).success).toBe(false);
  });

  it("schedule the periodic jobs from their declarations (0: off)", () => {
    const config = {
      AUDIT_SEAL_INTERVAL_MS: 500,
      AUDIT_VERIFY_INTERVAL_MS: 0,
      EXPIRY_SWEEP_INTERVAL_MS: 1000,
      DELIVERY_SWEEP_INTERVAL_MS: 1000,
      RETENTION_DAYS: 0,
    } as never;
    const every = Object.fromEntries(JOBS.filter((j) => j.every).map((j) => [j.name, j.every!(config)]));
    expect(every).toEqual({
      "audit.seal": 500,
      "audit.verify": 0,
      "requests.expire-due": 1000,
      "requests.purge": 0,
      "limits.prune": 3_600_000,
      "outbox.requeue-stale": 1000,
      "webhooks.resume-due": 1000,
    });
  });
});
