import { z } from "zod";

export const ZPayloadHash = z.string().regex(/^sha256:[0-9a-f]{64}$/, "must be sha256:<64 hex digits>");

export const ZDecisionBody = z.strictObject({
  outcome: z.enum(["approve", "reject"]),
  comment: z.string().trim().max(5000).optional(),
  payload: z.json().optional(),
  payloadHash: ZPayloadHash,
});
export type TDecisionBody = z.infer<typeof ZDecisionBody>;
