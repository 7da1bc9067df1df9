import { Job, type Queue } from "bullmq";
import type { Countersign } from "@/packages/sdk/index.ts";

/**
 * Knows which job waits for which request and resumes it — promotes the parked job so a worker
 * picks it up at once instead of at its fallback re-check — when the decision arrives: by
 * long-polling Countersign ("wait" mode) or when the webhook receiver reports it ("webhook"
 * mode). Holds no worker slot while waiting: that is what lets the other tasks keep flowing.
 */
export class DecisionWatcher {
  private readonly watching = new Map<string, string>();
  private readonly stop = new AbortController();

  constructor(
    private readonly cs: Countersign,
    private readonly queue: Queue,
    private readonly mode: "wait" | "webhook",
  ) {}

  get parked(): number {
    return this.watching.size;
  }

  watch(requestId: string, jobId: string): void {
    if (this.watching.has(requestId)) return;
    this.watching.set(requestId, jobId);
    if (this.mode === "wait") void this.follow(requestId);
  }

  /** The request was decided: resume its job. False if no job here waits for it. */
  async decided(requestId: string): Promise<boolean> {
    const jobId = this.watching.get(requestId);
    if (!jobId) return false;
    this.watching.delete(requestId);
    await this.promote(jobId);
    return true;
  }

  close(): void {
    this.stop.abort();
  }

  private async follow(requestId: string): Promise<void> {
    try {
      const handle = await this.cs.getRequest(requestId, { signal: this.stop.signal });
      await handle.wait({ signal: this.stop.signal });
    } catch {
      // Stopping, or Countersign unreachable for longer than the SDK retries: the job's own
      // fallback re-check picks it up.
      this.watching.delete(requestId);
      return;
    }
    await this.decided(requestId);
  }

  private async promote(jobId: string): Promise<void> {
    // The job may still be finishing its move to "delayed" when a fast decision lands.
    for (let i = 0; i < 50 && !this.stop.signal.aborted; i++) {
      const job = await Job.fromId(this.queue, jobId);
      if (!job) return;
      const state = await job.getState();
      if (state === "delayed") {
        const promoted = await job.promote().then(
          () => true,
          () => false,
        );
        if (promoted) return;
      } else if (state !== "active") {
        return; // already waiting to run, or done
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
