import { z } from "zod";

// Bounds on agent-supplied text: generous for real use, small enough that nothing agent-written
// can flood a reviewer's page or the database.
export const LIMITS = { summary: 500, reasoning: 20_000, idempotencyKey: 255 } as const;

export const ZActionKey = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, "must be lowercase and dot-separated, like payments.transfer");

export const ZSubmitRequestBody = z.strictObject({
  action: ZActionKey,
  payload: z.json(),
  summary: z.string().max(LIMITS.summary).optional(),
  reasoning: z.string().max(LIMITS.reasoning).optional(),
  context: z.record(z.string(), z.json()).optional(),
  // At least MIN_REQUEST_TTL_SECONDS (default 60): the route and the OpenAPI document use
  // submitRequestBodySchema(min) below; the service checks it again for every other path (MCP).
  expiresInSeconds: z.number().int().min(1).optional(),
});
export type TSubmitRequestBody = z.infer<typeof ZSubmitRequestBody>;

const submitBodies = new Map<number, typeof ZSubmitRequestBody>();

/**
 * The submit body with this install's shortest allowed expiresInSeconds: one schema for both the
 * route's parsing and the published document, so the document states the bound the server enforces.
 */
export function submitRequestBodySchema(minTtlSeconds: number): typeof ZSubmitRequestBody {
  let schema = submitBodies.get(minTtlSeconds);
  if (!schema) {
    schema = ZSubmitRequestBody.extend({
      expiresInSeconds: z
        .number()
        .int()
        .min(minTtlSeconds)
        .optional()
        .meta({
          description: `Seconds reviewers have to decide; at least ${minTtlSeconds} on this server (MIN_REQUEST_TTL_SECONDS). The policy's own limit may shorten it.`,
        }),
    });
    submitBodies.set(minTtlSeconds, schema);
  }
  return schema;
}

export const ZIdempotencyKey = z
  .string()
  .min(1)
  .max(LIMITS.idempotencyKey)
  .regex(/^[\x21-\x7e]+$/, "printable ASCII only");

export const ZRequestId = z.uuid();

export const ZWaitQuery = z.strictObject({
  timeout: z.coerce.number().int().min(0).max(60).default(30),
});

export const ZRequestStatus = z.enum(["pending", "approved", "rejected", "expired", "cancelled"]);

export const ZListQuery = z.strictObject({
  status: ZRequestStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type TListQuery = z.infer<typeof ZListQuery>;

export const ZResultBody = z.strictObject({
  status: z.enum(["succeeded", "failed"]),
  // The request's approval receipt: proves the report is about the approval that was executed.
  receipt: z.string().min(1).max(8192),
  output: z.json().optional(),
  error: z.string().max(10_000).optional(),
});
export type TResultBody = z.infer<typeof ZResultBody>;

// Response shapes: the one definition of what the agent API answers. The OpenAPI document publishes
// them; request-view.ts derives RequestView and RequestList from them and builds them (a field
// missing on either side fails the typecheck); tests/unit/sdk/wire-contract.test.ts checks the SDK's
// own types against them.
const ZTimestamp = z.iso.datetime();
export const ZRequestView = z
  .object({
    id: z.uuid(),
    action: z.string(),
    status: ZRequestStatus,
    payload: z.json(),
    approvedPayload: z.json().nullable(),
    payloadHash: z.string().meta({ description: "sha256: + hex SHA-256 of the payload in RFC 8785 form" }),
    summary: z.string().nullable(),
    requiredApprovals: z.int(),
    approvals: z.int(),
    decision: z
      .object({
        outcome: z.enum(["approved", "rejected"]),
        by: z.enum(["policy", "reviewers", "timeout", "agent"]),
        comment: z.string().nullable(),
        reviewers: z.array(z.object({ name: z.string() })),
        decidedAt: ZTimestamp,
      })
      .nullable(),
    createdAt: ZTimestamp,
    expiresAt: ZTimestamp,
    execution: z
      .object({
        status: z.enum(["succeeded", "failed"]),
        output: z.json().nullable(),
        error: z.string().nullable(),
        reportedAt: ZTimestamp,
      })
      .nullable(),
    receipt: z.string().nullable().meta({
      description:
        "Approval receipt: a compact JWS (EdDSA) over the request id, agent id, action, approved payload hash and approvers; keys at /.well-known/jwks.json. Null unless approved.",
    }),
  })
  .meta({ id: "Request" });

export const ZRequestList = z.object({ requests: z.array(ZRequestView), nextCursor: z.string().nullable() }).meta({ id: "RequestList" });
