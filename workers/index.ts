// The worker process: runs the job registry off BullMQ. Started by `npm start` next to the web
// app, or on its own (`npm run worker`, any number of replicas).
import { Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import { findJob } from "@/lib/jobs/registry.ts";
import { QUEUES } from "@/lib/jobs/queues.ts";
import { disconnectDb } from "@/lib/server/db.ts";
import { env } from "@/lib/server/env.ts";
import { logger } from "@/lib/server/logger.ts";
import { newRedis } from "@/lib/server/redis.ts";

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
  const { AUDIT_SEAL_INTERVAL_MS, EXPIRY_SWEEP_INTERVAL_MS } = env();
  const connection = newRedis();
  const maintenance = new Queue(QUEUES.maintenance, { connection });
  await maintenance.upsertJobScheduler("audit.seal", { every: AUDIT_SEAL_INTERVAL_MS }, { name: "audit.seal", data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } });
  await maintenance.upsertJobScheduler("requests.expire-due", { every: EXPIRY_SWEEP_INTERVAL_MS }, { name: "requests.expire-due", data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } });

  const worker = new Worker(QUEUES.maintenance, dispatch, { connection: newRedis(), concurrency: 2 });
  worker.on("failed", (job, err) => log.error({ job: job?.name, id: job?.id, err }, "job failed"));
  worker.on("error", (err) => log.error({ err }, "worker error"));
  log.info({ queues: Object.values(QUEUES) }, "worker started");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "worker stopping: finishing in-flight jobs");
    await worker.close();
    await maintenance.close();
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
