import type { ErrorBody } from "@/lib/kernel/error-body.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { logger } from "@/lib/platform/logger.ts";
import { STATUS_BY_CODE } from "./status-by-code.ts";

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
