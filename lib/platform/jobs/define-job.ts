import type { JobsOptions } from "bullmq";
import type { z } from "zod";
import type { TEnv } from "@/lib/platform/env.ts";
import type { QueueName } from "./queues.ts";

/**
 * A job, declared once beside the domain it belongs to: its name (`<domain>.<verb>`), its queue,
 * the schema of its payload (ids, not data), its handler, the options every add of it gets
 * (attempts, backoff), and, for periodic jobs, how often it runs (0: off). The worker builds its
 * registry and schedules from these declarations; producers add jobs through `jobToAdd`/`enqueue`
 * (enqueue-jobs.ts), which the compiler checks against the schema.
 */
export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  queue: QueueName;
  schema: S;
  handle: (data: z.output<S>) => Promise<unknown>;
  options?: JobsOptions;
  every?: (config: TEnv) => number;
};

export function defineJob<S extends z.ZodType>(job: JobDefinition<S>): JobDefinition<S> {
  return job;
}
