import { openAtPointers, openJson, openText, sealAtPointers, sealJson, sealText } from "@/lib/platform/crypto/sealed-values.ts";
import type { Prisma } from "@/lib/platform/db.ts";

// Where a request's agent-supplied content is encrypted and opened: sensitive payload values (in
// the payload, the approved payload and reviewers' edits, at the pointers the request recorded
// when it was submitted), the reasoning, the context, the execution output and error, and the
// stored idempotent response. Each ciphertext is bound to its row, column and pointer.
// Every reader of these columns goes through openRequestContent / openEditedPayload.

type Column = "payload" | "approvedPayload" | "reasoning" | "context" | "executionOutput" | "executionError";
const at = (requestId: string, column: Column) => `approval_requests.${column}:${requestId}`;
const editContext = (requestId: string, reviewerId: string) => `reviews.editedPayload:${requestId}:${reviewerId}`;
const responseContext = (requestId: string) => `idempotency_keys.responseBody:${requestId}`;

export const sealPayload = (
  requestId: string,
  payload: unknown,
  sealedFields: readonly string[],
  column: "payload" | "approvedPayload" = "payload",
) => sealAtPointers(payload, sealedFields, at(requestId, column)) as Prisma.InputJsonValue;

/** What a new request stores for what its agent sent. */
export function sealSubmission(
  requestId: string,
  sealedFields: readonly string[],
  body: { payload: unknown; reasoning?: string; context?: unknown },
) {
  return {
    payload: sealPayload(requestId, body.payload, sealedFields),
    reasoning: body.reasoning === undefined ? null : sealText(body.reasoning, at(requestId, "reasoning")),
    context: body.context === undefined ? undefined : sealJson(body.context, at(requestId, "context")),
  };
}

/** What an execution report stores. */
export function sealExecution(requestId: string, result: { output?: unknown; error?: string }) {
  return {
    executionOutput: result.output === undefined ? undefined : sealJson(result.output, at(requestId, "executionOutput")),
    executionError: result.error === undefined ? null : sealText(result.error, at(requestId, "executionError")),
  };
}

type SealedRow = {
  id: string;
  sealedFields: string[];
  payload: Prisma.JsonValue | null;
  approvedPayload: Prisma.JsonValue | null;
  reasoning: string | null;
  context: Prisma.JsonValue | null;
  executionOutput: Prisma.JsonValue | null;
  executionError: string | null;
};

/** The row with its content in plaintext. */
export function openRequestContent<R extends SealedRow>(row: R): R {
  return {
    ...row,
    payload: openAtPointers(row.payload, row.sealedFields, at(row.id, "payload")) as Prisma.JsonValue | null,
    approvedPayload: openAtPointers(row.approvedPayload, row.sealedFields, at(row.id, "approvedPayload")) as Prisma.JsonValue | null,
    reasoning: openText(row.reasoning, at(row.id, "reasoning")),
    context: openJson(row.context, at(row.id, "context")) as Prisma.JsonValue | null,
    executionOutput: openJson(row.executionOutput, at(row.id, "executionOutput")) as Prisma.JsonValue | null,
    executionError: openText(row.executionError, at(row.id, "executionError")),
  };
}

/**
 * One value taken out of a stored approved payload (`"approvedPayload" #> pointer` in SQL), opened
 * when it was sealed at exactly that pointer — how a query compares a sensitive field across rows.
 */
export function openApprovedValueAt(requestId: string, pointer: string, stored: unknown): unknown {
  return openJson(stored, `${at(requestId, "approvedPayload")}:${pointer}`);
}

export const sealEditedPayload = (request: { id: string; sealedFields: string[] }, reviewerId: string, payload: unknown) =>
  sealAtPointers(payload, request.sealedFields, editContext(request.id, reviewerId)) as Prisma.InputJsonValue;

/** A review with its edited payload in plaintext. */
export function openEditedPayload<V extends { reviewerId: string; editedPayload: Prisma.JsonValue | null }>(
  request: { id: string; sealedFields: string[] },
  review: V,
): V {
  return {
    ...review,
    editedPayload: openAtPointers(
      review.editedPayload,
      request.sealedFields,
      editContext(request.id, review.reviewerId),
    ) as Prisma.JsonValue | null,
  };
}

export const sealStoredResponse = (requestId: string, body: unknown) => sealJson(body, responseContext(requestId));
export const openStoredResponse = (requestId: string, stored: unknown) => openJson(stored, responseContext(requestId));
