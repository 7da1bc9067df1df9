import { z } from "zod";
import { createDocument } from "zod-openapi";
import { ZErrorBody } from "@/lib/kernel/error-body.ts";
import {
  submitRequestBodySchema,
  ZIdempotencyKey,
  ZListQuery,
  ZRequestList,
  ZRequestView,
  ZResultBody,
  ZWaitQuery,
} from "@/lib/domain/requests/schemas.ts";
import { ZDecisionBody } from "@/lib/domain/reviews/schemas.ts";
import { env } from "@/lib/platform/env.ts";

const ZError = ZErrorBody.meta({ id: "Error" });

// Headers, described once and referenced by every response that carries them.
const header = (name: string) => ({ $ref: `#/components/headers/${name}` });
const HEADERS = {
  RequestId: {
    description: "A fresh id for this call, on every answer; quote it to an operator (it is in the server's log).",
    schema: { type: "string" as const, format: "uuid" },
  },
  RetryAfter: { description: "Seconds to wait before trying again.", schema: { type: "string" as const, pattern: "^[0-9]+$" } },
  IdempotentReplayed: {
    description:
      "`true` when this is the stored answer to an earlier submission with the same Idempotency-Key (no new request was made); absent otherwise.",
    schema: { type: "string" as const, enum: ["true"] },
  },
};

const DESCRIPTIONS: Record<number, string> = {
  400: "validation_error: a malformed id, query, header or body (details say where)",
  401: "unauthorized: missing or invalid credentials",
  403: "forbidden: the caller may not do this",
  404: "not_found (or unknown_action): no such request for this caller",
  409: "conflict or stale: the request's state does not allow this",
  413: "payload_too_large: the body is over the limit",
  415: "unsupported_media_type: the body must be application/json",
  422: "idempotency_conflict: the Idempotency-Key was used with a different body",
  429: "rate_limited: too many submissions or pending requests; see Retry-After",
  500: "internal_error: a bug; the message carries the request id",
  503: "service_unavailable: submissions are paused (the rate limiter's store is unreachable); see Retry-After",
};

const errors = (...statuses: number[]) =>
  Object.fromEntries(
    [...statuses, 500].map((s) => [
      String(s),
      {
        description: DESCRIPTIONS[s] ?? `Error ${s}`,
        headers: { "x-request-id": header("RequestId"), ...(s === 429 || s === 503 ? { "retry-after": header("RetryAfter") } : {}) },
        content: { "application/json": { schema: ZError } },
      },
    ]),
  );
const ok = (description: string, schema: z.ZodType, status = "200", extraHeaders: Record<string, { $ref: string }> = {}) => ({
  [status]: { description, headers: { "x-request-id": header("RequestId"), ...extraHeaders }, content: { "application/json": { schema } } },
});
const idParam = { path: z.object({ id: z.uuid() }) };
// Every body is required: a generated client must not allow a call without one.
const jsonBody = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema } } });

let cached: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 description of the agent API, generated from the same zod schemas the routes use. */
export function openApiDocument() {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Countersign agent API",
      version: "1.0.0",
      description: "Submit high-stakes actions for approval and learn the decision.",
      // The package's own licence (package.json "UNLICENSED"): proprietary. SPDX has no identifier
      // for that, so a LicenseRef (a valid SPDX expression); OpenAPI 3.1 wants identifier or url.
      license: { name: "UNLICENSED (proprietary; all rights reserved)", identifier: "LicenseRef-Countersign-Proprietary" },
    },
    servers: [{ url: "/api/v1" }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An agent API key (csk_…)" },
        reviewerSession: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description:
            "A signed-in reviewer's browser session (the next-auth session cookie; `__Secure-next-auth.session-token` when APP_URL is https). Calls with it must also send `Origin` equal to the app's own origin (APP_URL) — otherwise 403 — and a JSON body. Not for agents.",
        },
      },
      headers: HEADERS,
    },
    paths: {
      "/requests": {
        post: {
          operationId: "submitRequest",
          summary: "Submit an action",
          requestParams: { header: z.object({ "idempotency-key": ZIdempotencyKey.optional() }) },
          requestBody: jsonBody(submitRequestBodySchema(env().MIN_REQUEST_TTL_SECONDS)),
          responses: {
            ...ok(
              "Created (status may already be approved/rejected by policy); a replay of an earlier submission with the same Idempotency-Key is answered the same way",
              ZRequestView,
              "201",
              {
                "idempotent-replayed": header("IdempotentReplayed"),
              },
            ),
            ...errors(400, 401, 403, 404, 413, 415, 422, 429, 503),
          },
        },
        get: {
          operationId: "listRequests",
          summary: "List this agent's requests, newest first",
          requestParams: { query: ZListQuery },
          responses: { ...ok("A page of requests", ZRequestList), ...errors(400, 401) },
        },
      },
      "/requests/{id}": {
        get: {
          operationId: "getRequest",
          summary: "Get one request",
          requestParams: idParam,
          responses: { ...ok("The request", ZRequestView), ...errors(400, 401, 404) },
        },
      },
      "/requests/{id}/wait": {
        get: {
          operationId: "waitForDecision",
          summary: "Long-poll until the request is decided or the timeout passes",
          requestParams: { ...idParam, query: ZWaitQuery },
          responses: { ...ok("The request (possibly still pending)", ZRequestView), ...errors(400, 401, 404) },
        },
      },
      "/requests/{id}/cancel": {
        post: {
          operationId: "cancelRequest",
          summary: "Cancel a pending request",
          requestParams: idParam,
          responses: { ...ok("Cancelled", ZRequestView), ...errors(400, 401, 404, 409) },
        },
      },
      "/requests/{id}/result": {
        post: {
          operationId: "reportResult",
          summary: "Report the result of executing an approved request (once)",
          requestParams: idParam,
          requestBody: jsonBody(ZResultBody),
          responses: { ...ok("Recorded", ZRequestView), ...errors(400, 401, 404, 409, 413, 415) },
        },
      },
      "/requests/{id}/decision": {
        post: {
          operationId: "decideRequest",
          summary: "Reviewer decision (browser session cookie, same origin only; not for agents)",
          description:
            "For the reviewer's browser, not agents: authenticated by the session cookie (reviewerSession), and refused (403) unless `Origin` is the app's own origin.",
          security: [{ reviewerSession: [] }],
          requestParams: idParam,
          requestBody: jsonBody(ZDecisionBody),
          // 422 edit_refused: an edited payload a submission could not get through (docs/REVIEWING.md).
          responses: { ...ok("The request after the decision", ZRequestView), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
        },
      },
    },
  });
  return cached;
}
