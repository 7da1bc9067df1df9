import type { ApprovalRequest } from "./types.ts";

/** An error answer from the API: `code` is the API's machine-readable error code. */
export class CountersignError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details?: unknown,
    /** Server-side request id (x-request-id), to quote to an operator. */
    readonly requestId?: string,
    /** Seconds the server asked to wait (429/503). */
    readonly retryAfter?: number,
    /** True when an earlier attempt of this call was lost in transit (it may have taken effect). */
    readonly afterLostAttempt = false,
  ) {
    super(message);
    this.name = "CountersignError";
  }
}

/** `wait()` gave up before a decision; `request` is the last state seen (still pending). */
export class ApprovalTimeoutError extends Error {
  constructor(readonly request: ApprovalRequest) {
    super(`No decision on request ${request.id} within the timeout; it is still pending`);
    this.name = "ApprovalTimeoutError";
  }
}

export type ReceiptFailure = "malformed" | "bad_signature" | "unknown_key" | "expired" | "claim_mismatch" | "payload_mismatch";

/** A receipt that does not prove the approval of this payload. */
export class ReceiptVerificationError extends Error {
  constructor(
    readonly reason: ReceiptFailure,
    message: string,
  ) {
    super(message);
    this.name = "ReceiptVerificationError";
  }
}
