import { Queue, type JobsOptions } from "bullmq";
import { Redis } from "ioredis";
import { env } from "@/lib/platform/env.ts";
import { QUEUES, type QueueName } from "./queues.ts";

export type JobToAdd = { queue: QueueName; name: string; data: Record<string, unknown>; opts: JobsOptions & { jobId: string } };

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
    if (mine.length) await queue(name).addBulk(mine.map(({ name: jobName, data, opts }) => ({ name: jobName, data, opts: { removeOnComplete: true, removeOnFail: 1000, ...opts } })));
  }
}

export async function closeQueues(): Promise<void> {
  for (const q of globalForQueues.countersignQueues?.values() ?? []) await q.close().catch(() => {});
  globalForQueues.countersignQueues?.clear();
  globalForQueues.countersignQueueConnection?.disconnect();
  globalForQueues.countersignQueueConnection = undefined;
}
