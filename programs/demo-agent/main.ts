// `npm run demo:agent`: an agent with its own BullMQ task queue. Low-risk tasks are done at once;
// payments go to Countersign. A payment held for review parks (no worker slot taken) while the
// other tasks keep flowing; when the decision arrives it resumes, executes the approved payload
// exactly once and reports the result — or records the rejection. See README and docs/SDK.md.
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { Countersign } from "@/packages/sdk/index.ts";
import { DecisionWatcher } from "./decision-watcher.ts";
import { line } from "./output.ts";
import { taskProcessor, type DemoStats } from "./run-task.ts";
import { loadDemoSettings } from "./settings.ts";
import { taskNumber, type DemoTask } from "./tasks.ts";
import { startWebhookReceiver } from "./webhook-receiver.ts";

async function main(): Promise<void> {
  const settings = loadDemoSettings();
  const cs = new Countersign({ baseUrl: settings.baseUrl, apiKey: settings.apiKey });
  await cs.receiptKeys().catch((e) => {
    throw new Error(`Countersign is not reachable at ${settings.baseUrl} (${(e as Error).message}). Is \`npm start\` running?`);
  });
  const redisOptions = { maxRetriesPerRequest: null } as const;
  const redis = new Redis(settings.redisUrl, redisOptions);
  const queue = new Queue<DemoTask>(settings.queue, { connection: new Redis(settings.redisUrl, redisOptions) });
  const watcher = new DecisionWatcher(cs, queue, settings.decisions);
  const receiver =
    settings.decisions === "webhook"
      ? await startWebhookReceiver({ port: settings.webhookPort!, secret: settings.webhookSecret!, watcher })
      : null;
  const stats: DemoStats = { low: 0, executed: 0, refused: 0 };
  const worker = new Worker<DemoTask>(settings.queue, taskProcessor({ cs, watcher, redis, settings, stats }), {
    connection: new Redis(settings.redisUrl, redisOptions),
    concurrency: settings.concurrency,
  });
  worker.on("failed", (job, err) =>
    line(job?.data.n ?? null, "! failed", `${err.message} (attempt ${job?.attemptsMade ?? "?"}; BullMQ retries)`),
  );

  // Payments parked by an earlier run: watch them again now rather than at their re-check time.
  for (const job of await queue.getDelayed()) {
    const data = job.data as DemoTask;
    if (data.kind === "payment" && data.requestId && job.id) watcher.watch(data.requestId, job.id);
  }

  console.log(
    `Demo agent → ${settings.baseUrl}  (queue "${settings.queue}", ${settings.concurrency} workers, a task every ${settings.intervalMs} ms)`,
  );
  console.log(`Payments over 100 wait for a reviewer: approve or reject them at ${settings.baseUrl}/inbox. Ctrl-C stops.`);
  console.log(
    receiver
      ? `Decisions arrive by webhook at http://127.0.0.1:${settings.webhookPort}/ (set it as this agent's webhook).\n`
      : "Decisions arrive by long-poll (wait).\n",
  );

  let fed = 0;
  const feeder = setInterval(() => {
    if (settings.maxTasks > 0 && fed >= settings.maxTasks) return;
    fed++;
    void redis
      .incr(`${settings.queue}:seq`)
      .then((n) =>
        queue.add("task", taskNumber(n, settings), {
          jobId: `task-${n}`,
          attempts: 5,
          backoff: { type: "exponential", delay: 1000 },
          removeOnComplete: 1000,
          removeOnFail: 1000,
        }),
      )
      .catch((e) => line(null, "! queue", (e as Error).message));
  }, settings.intervalMs);
  const status = setInterval(() => {
    line(
      null,
      "──",
      `${stats.low} low-risk done · ${stats.executed} payments executed · ${stats.refused} refused · ${watcher.parked} held for review`,
    );
  }, 5000);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(feeder);
    clearInterval(status);
    watcher.close();
    receiver?.close();
    // Active jobs finish; parked ones stay in Redis and resume on the next run.
    await worker.close();
    await queue.close();
    redis.disconnect();
    line(null, "stopped", `${stats.low} low-risk done · ${stats.executed} payments executed · ${stats.refused} refused`);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((e) => {
  console.error(`demo-agent | ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
