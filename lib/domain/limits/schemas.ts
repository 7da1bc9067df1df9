import { z } from "zod";

/** A limit setting: a whole number, or null to use the deployment default. */
const setting = (min: number, max: number) => z.int().min(min).max(max).nullable();

export const ZAgentLimitsInput = z.strictObject({
  submitsPerMinute: setting(1, 1_000_000).optional(),
  maxPending: setting(1, 10_000_000).optional(),
  maxPayloadBytes: setting(64, 100 * 1024 * 1024).optional(),
  // 0 turns the breaker off for this agent.
  breakerThreshold: setting(0, 1_000_000).optional(),
  breakerWindowSeconds: setting(10, 7 * 24 * 3600).optional(),
});
export type TAgentLimitsInput = z.infer<typeof ZAgentLimitsInput>;

export const ZBudgetInput = z.strictObject({
  action: z.string().min(1),
  // A decimal number as text or a number: budgets are money, kept exact.
  limit: z.union([z.number().nonnegative(), z.string().regex(/^\d{1,20}(\.\d{1,10})?$/, "a non-negative decimal number")]),
  windowSeconds: z
    .int()
    .min(60)
    .max(31 * 24 * 3600)
    .nullable()
    .default(null),
  onExceed: z.enum(["review", "reject"]).default("review"),
});
export type TBudgetInput = z.input<typeof ZBudgetInput>;
