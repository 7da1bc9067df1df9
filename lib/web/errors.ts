import { AppError, type ErrorCode } from "@/lib/kernel/errors.ts";
import { logger } from "@/lib/platform/logger.ts";

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_error: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unknown_action: 404,
  conflict: 409,
  stale: 409,
  idempotency_conflict: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  service_unavailable: 503,
  internal_error: 500,
  edit_refused: 422,
  method_not_allowed: 405,
};

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

/** Turns any thrown value into the one error response; unknown errors are logged, never echoed. */
export function errorResponse(e: unknown, requestId: string): Response {
  const appError = e instanceof AppError ? e : new AppError("internal_error", `Internal error (request ${requestId})`);
  if (!(e instanceof AppError)) logger.error({ err: e, requestId }, "unhandled error");
  const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.details !== undefined) body.error.details = appError.details;
  const headers = new Headers({ "content-type": "application/json", "x-request-id": requestId });
  if (appError.retryAfter !== undefined) headers.set("retry-after", String(Math.max(1, Math.ceil(appError.retryAfter))));
  return new Response(JSON.stringify(body), { status: STATUS_BY_CODE[appError.code], headers });
}
