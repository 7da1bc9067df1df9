// The worker process: runs the job registry off BullMQ and relays the outbox. Started by
// `npm start` next to the web app, or on its own (`npm run worker`, any number of replicas:
// outbox rows are claimed with SKIP LOCKED and every job is idempotent).
import { Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import { closeQueues } from "@/lib/platform/jobs/enqueue-jobs.ts";
import { findJob, JOBS } from "@/workers/job-registry.ts";
import { QUEUES } from "@/lib/platform/jobs/queues.ts";
import { disconnectDb } from "@/lib/platform/db.ts";
import { env } from "@/lib/platform/env.ts";
import { logger } from "@/lib/platform/logger.ts";
import { newRedis } from "@/lib/platform/redis.ts";
import { recordSecretRotations } from "@/lib/domain/secrets/record-secret-rotations.ts";
import { startOutboxRelay } from "./outbox-relay.ts";

const log = logger.child({ component: "worker" });

async function dispatch(job: Job): Promise<unknown> {
  const definition = findJob(job.name);
  if (!definition) {
    log.warn({ job: job.name, id: job.id }, "unknown job name; dropped");
    return null;
  }
  const parsed = definition.schema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${job.name}: ${parsed.error.message}`);
  return definition.handle(parsed.data);
}

async function main() {
  const config = env();
  // A new active encryption key or session secret, set in the environment, gets its audit event.
  await recordSecretRotations().catch((err) => log.error({ err }, "could not record secret rotations"));
  const connection = newRedis();
  connection.on("error", () => {});
  // Periodic jobs, from their declarations; one switched off (every = 0) loses its schedule.
  const scheduling = new Map(Object.values(QUEUES).map((name) => [name, new Queue(name, { connection })]));
  for (const job of JOBS) {
    if (!job.every) continue;
    const every = job.every(config);
    const q = scheduling.get(job.queue)!;
    if (every > 0)
      await q.upsertJobScheduler(job.name, { every }, { name: job.name, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } });
    else await q.removeJobScheduler(job.name);
  }

  const workerOptions = {
    concurrency: config.WORKER_CONCURRENCY,
    lockDuration: config.WORKER_LOCK_MS,
    stalledInterval: config.WORKER_LOCK_MS,
  };
  const workers = [
    new Worker(QUEUES.maintenance, dispatch, { ...workerOptions, connection: newRedis(), concurrency: 4 }),
    new Worker(QUEUES.delivery, dispatch, { ...workerOptions, connection: newRedis() }),
  ];
  for (const worker of workers) {
    worker.on("failed", (job, err) => log.warn({ job: job?.name, id: job?.id, err: err.message }, "job failed"));
    worker.on("error", (err) => log.error({ err }, "worker error"));
  }
  const relay = startOutboxRelay({ pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS });
  log.info({ queues: Object.values(QUEUES) }, "worker started");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "worker stopping: finishing in-flight jobs");
    // Stop taking work, let active jobs finish (their locks are released on completion).
    await relay.stop();
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all([...scheduling.values()].map((q) => q.close()));
    await closeQueues();
    connection.disconnect();
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err) => {
  log.fatal({ err }, "worker failed to start");
  process.exit(1);
});
