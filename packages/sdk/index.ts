// @countersign/sdk — the agent SDK: fetch only, no server code (see docs/SDK.md).
export { Countersign, type CountersignOptions } from "./countersign.ts";
export { ApprovalHandle } from "./approval-handle.ts";
export { type GuardCall, type GuardOptions, type GuardedTool } from "./guard.ts";
export { isActionRejection, toRejection, type ActionRejection } from "./rejection.ts";
export { verifyReceipt, RECEIPT_TYP, type VerifiedReceipt, type VerifyReceiptOptions } from "./receipts.ts";
export { verifyWebhook, type WebhookEvent } from "./webhooks.ts";
export { payloadHash } from "./payload-hash.ts";
export { ApprovalTimeoutError, CountersignError, ReceiptVerificationError, type ReceiptFailure } from "./errors.ts";
export { type RetryOptions } from "./http.ts";
export type { ApprovalInput, ApprovalRequest, JsonValue, RequestStatus, ResultReport } from "./types.ts";
