/**
 * The one error model. Services throw AppError with a stable snake_case code; its body is
 * ZErrorBody (./error-body.ts). The adapters in lib/web/errors/ present it: HTTP status and body,
 * MCP tool errors, server actions, pages, the admin CLI. Anything else is a bug: 500.
 */
export const ERROR_CODES = [
  "validation_error",
  "unauthorized",
  "forbidden",
  "not_found",
  "unknown_action",
  "conflict",
  "stale",
  "idempotency_conflict",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "service_unavailable",
  "internal_error",
  "edit_refused",
  "method_not_allowed",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Seconds a client should wait before retrying (429/503). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
