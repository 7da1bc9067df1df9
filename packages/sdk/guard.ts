import type { ApprovalHandle } from "./approval-handle.ts";
import type { Countersign } from "./countersign.ts";
import { ApprovalTimeoutError } from "./errors.ts";
import { toRejection, type ActionRejection } from "./rejection.ts";

export type GuardOptions<A, R> = {
  /** Action type key, e.g. `payments.transfer`. */
  action: string;
  /** The payload to approve (default: the tool's arguments). */
  toPayload?: (args: A) => unknown;
  /** The arguments to run with, from the approved payload (default: the payload itself). */
  fromPayload?: (approvedPayload: unknown, args: A) => A;
  summary?: string | ((args: A) => string);
  reasoning?: string | ((args: A) => string | undefined);
  /** How long to wait for a decision, in ms (default: until the request's own deadline). */
  timeout?: number;
  /** What to report as the result's output (default: nothing). */
  output?: (result: R) => unknown;
  /** Called when the result report fails after the tool ran (default: console.warn). */
  onReportError?: (error: unknown, handle: ApprovalHandle) => void;
};

/** Per call: ids that make a retried tool call idempotent, and more context for the reviewer. */
export type GuardCall = {
  callId?: string;
  runId?: string;
  reasoning?: string;
  context?: Record<string, unknown>;
  signal?: AbortSignal;
  /** Called once the request exists (e.g. to log its id while waiting). */
  onSubmitted?: (handle: ApprovalHandle) => void;
};

export type GuardedTool<A, R> = (args: A, call?: GuardCall) => Promise<R | ActionRejection>;

const text = <A>(value: string | ((args: A) => string | undefined) | undefined, args: A) =>
  typeof value === "function" ? value(args) : value;

export function guardTool<A, R>(cs: Countersign, tool: (args: A) => R | Promise<R>, options: GuardOptions<A, R>): GuardedTool<A, R> {
  return async (args, call = {}) => {
    const payload = options.toPayload ? options.toPayload(args) : args;
    const context = {
      ...call.context,
      ...(call.callId !== undefined ? { callId: call.callId } : {}),
      ...(call.runId !== undefined ? { runId: call.runId } : {}),
    };
    const handle = await cs.requestApproval({
      action: options.action,
      payload,
      summary: text(options.summary, args),
      reasoning: call.reasoning ?? text(options.reasoning, args),
      context: Object.keys(context).length ? context : undefined,
      signal: call.signal,
    });
    call.onSubmitted?.(handle);
    let request;
    try {
      request = await handle.wait({ timeout: options.timeout, signal: call.signal });
    } catch (e) {
      if (!(e instanceof ApprovalTimeoutError)) throw e;
      // Withdraw it, so it cannot be approved later for a call that already gave up.
      const cancelled = await handle.cancel().catch(() => handle.status());
      if (cancelled.status !== "approved")
        return toRejection(cancelled, cancelled.status === "cancelled" || cancelled.status === "pending");
      request = cancelled;
    }
    if (request.status !== "approved") return toRejection(request);

    // Run only what was approved, and only with proof that it was: the receipt over its hash.
    await cs.verifyReceipt(request.receipt ?? "", request.approvedPayload, { requestId: request.id, action: options.action });
    const approvedArgs = options.fromPayload ? options.fromPayload(request.approvedPayload, args) : (request.approvedPayload as A);
    let result: R;
    try {
      result = await tool(approvedArgs);
    } catch (e) {
      await handle
        .reportResult({ status: "failed", error: e instanceof Error ? e.message : String(e) })
        .catch((err) => reportError(options, err, handle));
      throw e;
    }
    const output = options.output?.(result);
    await handle
      .reportResult({ status: "succeeded", ...(output !== undefined ? { output } : {}) })
      .catch((err) => reportError(options, err, handle));
    return result;
  };
}

// The action already ran: a lost report must not turn into an error that invites a second run.
function reportError<A, R>(options: GuardOptions<A, R>, error: unknown, handle: ApprovalHandle): void {
  if (options.onReportError) options.onReportError(error, handle);
  else console.warn(`countersign: could not report the result of request ${handle.id}:`, error);
}
