import type { Actor } from "@/lib/auth/actor.ts";
import { recordAuditEvent } from "@/lib/audit/record-audit-event.ts";
import { AppError } from "@/lib/errors.ts";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue-outbox-event.ts";
import type { Prisma, Tx } from "@/lib/server/db.ts";
import type { DecisionBy } from "@/lib/server/prisma/enums.ts";
import { sealPayload } from "./sealed-request.ts";

type TerminalStatus = "approved" | "rejected" | "expired" | "cancelled";

export type CloseRequestInput = {
  actor: Actor;
  /** `sealedFields` (the request row's) is needed with an approvedPayload: it is stored encrypted there. */
  request: { id: string; agentId: string; action: string; sealedFields?: string[] };
  status: TerminalStatus;
  by: DecisionBy;
  comment?: string | null;
  /** In plaintext; sealed here at the request's sealedFields. */
  approvedPayload?: Prisma.InputJsonValue;
  /** Extra facts for the audit event (never payload values). */
  audit?: Record<string, Prisma.InputJsonValue | null>;
};

/**
 * The one way a request leaves `pending`: state, audit event and outbox event in the caller's
 * transaction. The `status: pending` guard makes a second terminal decision impossible even if a
 * caller forgot to lock the row; terminal states never change.
 */
export async function closeRequest(tx: Tx, input: CloseRequestInput): Promise<void> {
  const { request, status, by } = input;
  if (input.approvedPayload !== undefined && !request.sealedFields) throw new Error("closeRequest: an approved payload needs the request's sealedFields");
  const updated = await tx.approvalRequest.updateMany({
    where: { id: request.id, status: "pending" },
    data: {
      status,
      decisionBy: by,
      decisionComment: input.comment ?? null,
      decidedAt: new Date(),
      ...(input.approvedPayload !== undefined ? { approvedPayload: sealPayload(request.id, input.approvedPayload, request.sealedFields!, "approvedPayload") } : {}),
    },
  });
  if (updated.count !== 1) throw new AppError("conflict", "The request is no longer pending");
  await recordAuditEvent(tx, {
    type: `request.${status}`,
    actor: input.actor,
    subject: `request:${request.id}`,
    data: { by, comment: input.comment ?? null, ...input.audit },
  });
  await enqueueOutboxEvent(tx, {
    type: `request.${status}`,
    aggregateId: request.id,
    data: { requestId: request.id, agentId: request.agentId, action: request.action, status, by },
  });
}

/** Takes the row lock that serialises every decision on one request (FOR UPDATE). */
export async function lockRequest(tx: Tx, requestId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM approval_requests WHERE id = ${requestId}::uuid FOR UPDATE`;
  return rows.length === 1;
}
