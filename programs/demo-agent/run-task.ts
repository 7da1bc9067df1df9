import { DelayedError, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { toRejection, type ApprovalHandle, type Countersign } from "@/packages/sdk/index.ts";
import type { DecisionWatcher } from "./decision-watcher.ts";
import { line, money } from "./output.ts";
import type { DemoSettings } from "./settings.ts";
import type { DemoTask } from "./tasks.ts";

export type DemoStats = { low: number; executed: number; refused: number };
type Deps = { cs: Countersign; watcher: DecisionWatcher; redis: Redis; settings: DemoSettings; stats: DemoStats };

/** The worker's processor: low-risk work is done at once; payments go through Countersign. */
export function taskProcessor(deps: Deps) {
  return async (job: Job<DemoTask>, token?: string): Promise<void> => {
    const task = job.data;
    if (task.kind === "low") {
      await new Promise((r) => setTimeout(r, task.workMs));
      deps.stats.low++;
      line(task.n, "✔ done", `${task.title} (${task.workMs} ms)`);
      return;
    }
    await runPayment(job as Job<Extract<DemoTask, { kind: "payment" }>>, token, deps);
  };
}

async function runPayment(job: Job<Extract<DemoTask, { kind: "payment" }>>, token: string | undefined, deps: Deps): Promise<void> {
  const { cs, watcher, settings } = deps;
  const task = job.data;
  let handle: ApprovalHandle;
  if (task.requestId) {
    handle = await cs.getRequest(task.requestId);
  } else {
    // The call id makes a re-run of this job find its request rather than submit a second one.
    handle = await cs.requestApproval({
      action: settings.action,
      payload: task.payload,
      summary: `${task.title}: ${money(task.payload)} to ${task.payload.to}`,
      reasoning: `Task #${task.n} from the demo agent's queue asks to pay ${task.payload.memo}.`,
      context: { runId: settings.queue, callId: `task-${task.n}` },
    });
    await job.updateData({ ...task, requestId: handle.id });
    if (handle.request.status === "pending") {
      line(
        task.n,
        "⏸ HELD",
        `${task.title}: ${money(task.payload)} → ${task.payload.to} awaits review (request ${handle.id}); other tasks keep going`,
      );
    }
  }
  const request = handle.request;
  if (request.status === "pending") {
    // Park: free the worker slot; the watcher promotes the job when the decision arrives, and
    // the delay is only the fallback re-check (e.g. after a restart).
    watcher.watch(request.id, job.id!);
    await job.moveToDelayed(Date.now() + settings.recheckMs, token);
    throw new DelayedError();
  }
  if (request.status !== "approved") {
    deps.stats.refused++;
    line(task.n, "✖ REFUSED", toRejection(request).message);
    return;
  }
  await execute(task, handle, deps);
}

async function execute(task: Extract<DemoTask, { kind: "payment" }>, handle: ApprovalHandle, deps: Deps): Promise<void> {
  const request = handle.request;
  const payload = request.approvedPayload as typeof task.payload;
  const receipt = await deps.cs.verifyReceipt(request.receipt ?? "", payload, { requestId: request.id, action: deps.settings.action });
  // The simulated effect happens at most once per request, whatever re-runs this job.
  const first = await deps.redis.set(`${deps.settings.queue}:effect:${request.id}`, JSON.stringify(payload), "EX", 7 * 24 * 3600, "NX");
  if (first === "OK") {
    deps.stats.executed++;
    const how =
      request.decision?.by === "policy"
        ? "approved by policy at once"
        : `approved by ${request.decision?.reviewers.map((r) => r.name).join(", ") || "reviewers"}`;
    const edited = request.payloadHash !== receipt.payloadHash ? " — as edited by the reviewer" : "";
    line(
      task.n,
      "▶ EXECUTED",
      `${task.title}: paid ${money(payload)} → ${payload.to}${edited} (${how}; receipt ${receipt.keyId} verified)`,
    );
  } else {
    line(task.n, "· skipped", `${task.title}: already executed, not repeated`);
  }
  if (!request.execution) {
    await handle.reportResult({ status: "succeeded", output: { transferId: `tr_${request.id.slice(-12)}` } }).catch((e) => {
      if ((e as { code?: string }).code !== "conflict") throw e;
    });
  }
}
