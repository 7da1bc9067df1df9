// The shapes of the Countersign agent API (v1), as the SDK sees them. Kept here rather than
// imported from the server so that the SDK stands alone; tests/unit/sdk/wire-contract.test.ts
// checks them against the server's response schemas, so they cannot drift apart.

export type RequestStatus = "pending" | "approved" | "rejected" | "expired" | "cancelled";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One approval request, as `GET /api/v1/requests/{id}` returns it. */
export type ApprovalRequest = {
  id: string;
  action: string;
  status: RequestStatus;
  payload: JsonValue;
  /** What may be executed once approved (a reviewer may have edited it); null until then. */
  approvedPayload: JsonValue | null;
  payloadHash: string;
  summary: string | null;
  requiredApprovals: number;
  approvals: number;
  decision: null | {
    outcome: "approved" | "rejected";
    by: "policy" | "reviewers" | "timeout" | "agent";
    comment: string | null;
    reviewers: { name: string }[];
    decidedAt: string;
  };
  createdAt: string;
  expiresAt: string;
  execution: null | { status: "succeeded" | "failed"; output: JsonValue | null; error: string | null; reportedAt: string };
  /** Approval receipt (compact JWS); set once approved. */
  receipt: string | null;
};

export type ApprovalInput = {
  /** Action type key, e.g. `payments.transfer`. */
  action: string;
  payload: unknown;
  /** One line for the reviewer. */
  summary?: string;
  /** Why the agent wants to do this, for the reviewer. */
  reasoning?: string;
  /** Free-form facts; `runId` and `callId` also derive the idempotency key. */
  context?: Record<string, unknown>;
  expiresInSeconds?: number;
  /** Overrides the derived idempotency key. */
  idempotencyKey?: string;
  signal?: AbortSignal;
};

export type ResultReport = { status: "succeeded" | "failed"; output?: unknown; error?: string };
