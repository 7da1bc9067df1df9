import type { z } from "zod";

/** A job: its name (`<domain>.<verb>`), the schema of its payload (ids, not data), its handler. */
export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  schema: S;
  handle: (data: z.infer<S>) => Promise<unknown>;
};

export function defineJob<S extends z.ZodType>(job: JobDefinition<S>): JobDefinition<S> {
  return job;
}
