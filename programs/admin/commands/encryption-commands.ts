import { z } from "zod";
import { CLI, type Command } from "../command.ts";

/** Encryption at rest: `encryption:reencrypt` (docs/SECRETS.md). */
export const encryptionCommands: Record<string, Command> = {
  "encryption:reencrypt": {
    usage: "[--enqueue]   (moves every encrypted value to the active key of ENCRYPTION_KEYS; --enqueue: let a worker do it)",
    options: { enqueue: { type: "boolean" } },
    run: async (v) => {
      if (z.object({ enqueue: z.boolean().optional() }).parse(v).enqueue) {
        // Loaded here only: BullMQ would slow down every other command's start.
        const [{ enqueue, closeQueues }, { reencryptJob }] = await Promise.all([
          import("@/lib/platform/jobs/enqueue-jobs.ts"),
          import("@/lib/domain/secrets/secret-jobs.ts"),
        ]);
        const jobId = `reencrypt-${Date.now()}`;
        await enqueue(reencryptJob, {}, { jobId });
        await closeQueues();
        return { enqueued: jobId };
      }
      const { reencryptStoredData } = await import("@/lib/domain/secrets/reencrypt-stored-data.ts");
      return reencryptStoredData({ actor: CLI });
    },
  },
};
