import type { ErrorCode } from "@/lib/kernel/errors.ts";

/** The one table from an error's code to its HTTP status (REST answers and MCP's transport errors). */
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
