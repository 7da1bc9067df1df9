import { Job, type Queue } from "bullmq";
import type { Countersign } from "@/lib/sdk/index.ts";

/**
 * Long-polls Countersign for each parked request and, when its decision arrives, promotes the
 * parked job so a worker resumes it at once (instead of at its fallback re-check time). Holds no
 * worker slot while waiting: that is what lets the other tasks keep flowing.
 */
export class DecisionWatcher {
  private readonly watching = new Map<string, string>();
  private readonly stop = new AbortController();

  constructor(
    private readonly cs: Countersign,
    private readonly queue: Queue,
  ) {}

  get parked(): number {
    return this.watching.size;
  }

  watch(requestId: string, jobId: string): void {
    if (this.watching.has(requestId)) return;
    this.watching.set(requestId, jobId);
    void this.follow(requestId, jobId).finally(() => this.watching.delete(requestId));
  }

  close(): void {
    this.stop.abort();
  }

  private async follow(requestId: string, jobId: string): Promise<void> {
    try {
      const handle = await this.cs.getRequest(requestId, { signal: this.stop.signal });
      await handle.wait({ signal: this.stop.signal });
    } catch {
      // Stopping, or Countersign unreachable for longer than the SDK retries: the job's own
      // fallback re-check picks it up.
      return;
    }
    // The job may still be finishing its move to "delayed" when a fast decision lands.
    for (let i = 0; i < 50 && !this.stop.signal.aborted; i++) {
      const job = await Job.fromId(this.queue, jobId);
      if (!job) return;
      const state = await job.getState();
      if (state === "delayed") {
        const promoted = await job.promote().then(() => true, () => false);
        if (promoted) return;
      } else if (state !== "active") {
        return; // already waiting to run, or done
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
