import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent, type AuditEventInput } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { enqueueOutboxEvent } from "@/lib/domain/outbox/enqueue-outbox-event.ts";
import { issueReceipt, type IssuedReceipt } from "@/lib/domain/receipts/issue-receipt.ts";
import type { Prisma, Tx } from "@/lib/platform/db.ts";
import type { DecisionBy } from "@/lib/platform/prisma/enums.ts";
import { sealPayload } from "./sealed-request.ts";

type TerminalStatus = "approved" | "rejected" | "expired" | "cancelled";

export type CloseRequestInput = {
  actor: Actor;
  /**
   * To approve: `payloadHash` (what was submitted, signed into the receipt unless an edit changed
   * it) and `sealedFields` (the row's: the approved payload is stored encrypted there).
   */
  request: { id: string; agentId: string; action: string; payloadHash?: string; sealedFields?: string[] };
  status: TerminalStatus;
  by: DecisionBy;
  comment?: string | null;
  /** In plaintext; sealed here at the request's sealedFields. */
  approvedPayload?: Prisma.InputJsonValue;
  /** Hash of `approvedPayload` when it differs from the submitted payload (a reviewer's edit). */
  approvedPayloadHash?: string;
  /** Extra facts for the audit event (never payload values). */
  audit?: Record<string, Prisma.InputJsonValue | null>;
};

/**
 * The one way a request leaves `pending`: state, audit event and outbox event in the caller's
 * transaction. The `status: pending` guard makes a second terminal decision impossible even if a
 * caller forgot to lock the row; terminal states never change. An approval is signed here too
 * (its receipt), so no path can approve a request without one.
 */
export async function closeRequest(tx: Tx, input: CloseRequestInput): Promise<void> {
  const { request, status } = input;
  if (input.approvedPayload !== undefined && !request.sealedFields)
    throw new Error("closeRequest: an approved payload needs the request's sealedFields");
  const decidedAt = new Date();
  const receipt = status === "approved" ? await signApproval(tx, input, decidedAt) : null;
  const closure = closureRecords(input, decidedAt, receipt);
  const updated = await tx.approvalRequest.updateMany({ where: { id: request.id, status: "pending" }, data: closure.columns });
  if (updated.count !== 1) throw new AppError("conflict", "The request is no longer pending");
  await recordAuditEvent(tx, closure.audit);
  await enqueueOutboxEvent(tx, closure.outbox);
}

/**
 * What a closure records, wherever it is written: the request's decision columns, the audit event
 * and the outbox event. closeRequest updates a pending row with them; a submission the policy
 * decides at once inserts its row closed (write-submission.ts).
 */
export function closureRecords(input: CloseRequestInput, decidedAt: Date, receipt: IssuedReceipt | null) {
  const { request, status, by } = input;
  return {
    columns: {
      status,
      decisionBy: by,
      decisionComment: input.comment ?? null,
      decidedAt,
      ...(input.approvedPayload !== undefined
        ? { approvedPayload: sealPayload(request.id, input.approvedPayload, request.sealedFields!, "approvedPayload") }
        : {}),
      ...(receipt ? { receipt: receipt.receipt, receiptKeyId: receipt.keyId, receiptExpiresAt: receipt.expiresAt } : {}),
    },
    audit: {
      type: `request.${status}`,
      actor: input.actor,
      subject: `request:${request.id}`,
      data: {
        by,
        comment: input.comment ?? null,
        ...(receipt ? { receipt: { kid: receipt.kid, expiresAt: receipt.expiresAt.toISOString() } } : {}),
        ...input.audit,
      },
    } satisfies AuditEventInput,
    outbox: {
      type: `request.${status}`,
      aggregateId: request.id,
      data: { requestId: request.id, agentId: request.agentId, action: request.action, status, by },
    },
  };
}

/** The receipt of an approval being closed (see issueReceipt). */
export function signApproval(tx: Tx, input: CloseRequestInput, decidedAt: Date) {
  const payloadHash = input.approvedPayloadHash ?? input.request.payloadHash;
  if (input.approvedPayload === undefined || !payloadHash) throw new Error("an approval needs the approved payload and its hash");
  if (input.by !== "policy" && input.by !== "reviewers") throw new Error(`an approval cannot be decided by ${input.by}`);
  return issueReceipt(tx, { request: input.request, payloadHash, decidedBy: input.by, decidedAt });
}

/** Takes the row lock that serialises every decision on one request (FOR UPDATE). */
export async function lockRequest(tx: Tx, requestId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM approval_requests WHERE id = ${requestId}::uuid FOR UPDATE`;
  return rows.length === 1;
}
