import { Queue, type JobsOptions } from "bullmq";
import { Redis } from "ioredis";
import type { z } from "zod";
import { env } from "@/lib/platform/env.ts";
import type { JobDefinition } from "./define-job.ts";
import { QUEUES, type QueueName } from "./queues.ts";

/** One job ready to add: built by `jobToAdd`, so its name, queue and data come from a declaration. */
export type JobToAdd = { queue: QueueName; name: string; data: unknown; opts: JobsOptions & { jobId: string } };

/** A job of a declared kind, its data checked by the compiler against the job's schema. */
export function jobToAdd<S extends z.ZodType>(job: JobDefinition<S>, data: z.input<S>, opts: JobsOptions & { jobId: string }): JobToAdd {
  return { queue: job.queue, name: job.name, data, opts: { ...job.options, ...opts } };
}

const globalForQueues = globalThis as unknown as { countersignQueues?: Map<QueueName, Queue>; countersignQueueConnection?: Redis };

// Producers fail fast: with the offline queue off, an add while Redis is unreachable rejects at
// once instead of hanging, and the caller (the outbox relay, a job) simply tries again later.
function connection(): Redis {
  if (!globalForQueues.countersignQueueConnection) {
    const client = new Redis(env().REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 2000 });
    client.on("error", () => {});
    globalForQueues.countersignQueueConnection = client;
  }
  return globalForQueues.countersignQueueConnection;
}

export function queue(name: QueueName): Queue {
  globalForQueues.countersignQueues ??= new Map();
  let q = globalForQueues.countersignQueues.get(name);
  if (!q) {
    q = new Queue(name, { connection: connection() });
    q.on("error", () => {});
    globalForQueues.countersignQueues.set(name, q);
  }
  return q;
}

/** Whether the producer connection is up (adds would fail at once otherwise). */
export function queuesReady(): boolean {
  return connection().status === "ready";
}

/** Adds jobs with deterministic ids (a job already present under its id is not added twice). */
export async function enqueueJobs(jobs: JobToAdd[]): Promise<void> {
  for (const name of Object.values(QUEUES)) {
    const mine = jobs.filter((j) => j.queue === name);
    if (mine.length)
      await queue(name).addBulk(
        mine.map(({ name: jobName, data, opts }) => ({
          name: jobName,
          data,
          opts: { removeOnComplete: true, removeOnFail: 1000, ...opts },
        })),
      );
  }
}

/** Adds one job of a declared kind (see `jobToAdd`). */
export async function enqueue<S extends z.ZodType>(
  job: JobDefinition<S>,
  data: z.input<S>,
  opts: JobsOptions & { jobId: string },
): Promise<void> {
  await enqueueJobs([jobToAdd(job, data, opts)]);
}

export async function closeQueues(): Promise<void> {
  for (const q of globalForQueues.countersignQueues?.values() ?? []) await q.close().catch(() => {});
  globalForQueues.countersignQueues?.clear();
  globalForQueues.countersignQueueConnection?.disconnect();
  globalForQueues.countersignQueueConnection = undefined;
}
