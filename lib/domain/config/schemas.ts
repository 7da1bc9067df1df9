import { z } from "zod";
import { ZActionKey } from "@/lib/domain/requests/schemas.ts";
import { ZGroupName } from "@/lib/domain/users/schemas.ts";

// The configuration-as-code document (PRODUCT.md "Configuration as code"). The admin console
// edits the same shapes.

const ZJsonPointer = z.string().regex(/^(\/([^~/]|~[01])*)+$/, "must be a JSON pointer like /to");

export const ZActionTypeConfig = z
  .strictObject({
    key: ZActionKey,
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    riskLevel: z.enum(["low", "medium", "high", "critical"]),
    allowEdit: z.boolean().default(false),
    sensitiveFields: z.array(ZJsonPointer).default([]),
    // Checked as JSON Schema 2020-12 by validateConfig; JSON values only (no YAML .inf or .nan).
    payloadSchema: z.record(z.string(), z.json()),
    budgetField: ZJsonPointer.optional(),
    autoRejectFlags: z.array(z.string().regex(/^[a-z0-9_.]+$/)).default([]),
    recipientField: ZJsonPointer.optional(),
  })
  .refine(
    // A sensitive recipient is compared after decrypting it at its own pointer; one nested inside
    // another sensitive value could not be, so the first-time-recipient check would be blind.
    (t) => !t.recipientField || !t.sensitiveFields.some((f) => t.recipientField!.startsWith(`${f}/`)),
    { path: ["recipientField"], message: "must not lie inside a sensitive field (it may be one)" },
  )
  .refine(
    // The budget keeps the amount in plaintext (summed in SQL, named in the audit trail and the
    // decision's reason); a sensitive field is encrypted everywhere, so it cannot be one.
    (t) => !t.budgetField || !t.sensitiveFields.some((f) => t.budgetField === f || t.budgetField!.startsWith(`${f}/`)),
    { path: ["budgetField"], message: "must not be or lie inside a sensitive field: a budget keeps the amount in plaintext" },
  );
export type TActionTypeConfig = z.infer<typeof ZActionTypeConfig>;

export const ZRuleConfig = z
  .strictObject({
    name: z.string().min(1).max(100),
    when: z.string().min(1).optional(),
    outcome: z.enum(["allow", "deny", "review"]),
    approvals: z.int().min(1).max(20).optional(),
    groups: z.array(ZGroupName).default([]),
    distinctGroups: z.boolean().default(false),
    ownerMayApprove: z.boolean().default(false),
    rejectNeedsComment: z.boolean().default(true),
    allowEdit: z.boolean().optional(),
    timeoutSeconds: z
      .int()
      .min(60)
      .max(30 * 24 * 3600)
      .optional(),
    onTimeout: z.enum(["reject", "escalate"]).default("reject"),
    escalateToGroups: z.array(ZGroupName).default([]),
    escalateAfterSeconds: z.int().min(60).optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.outcome !== "review") {
      for (const field of ["approvals", "timeoutSeconds", "escalateAfterSeconds"] as const) {
        if (rule[field] !== undefined) ctx.addIssue({ code: "custom", path: [field], message: `only a review rule takes ${field}` });
      }
    }
    if (rule.distinctGroups && rule.groups.length < (rule.approvals ?? 1)) {
      ctx.addIssue({
        code: "custom",
        path: ["groups"],
        message: "approvals from distinct groups need at least as many groups as approvals",
      });
    }
    if (rule.onTimeout === "escalate" && rule.escalateToGroups.length === 0) {
      ctx.addIssue({ code: "custom", path: ["escalateToGroups"], message: "escalation needs the groups to escalate to" });
    }
  });
export type TRuleConfig = z.infer<typeof ZRuleConfig>;

export const ZPolicyConfig = z.strictObject({
  action: ZActionKey,
  rules: z.array(ZRuleConfig).min(1).max(100),
});
export type TPolicyConfig = z.infer<typeof ZPolicyConfig>;

export const ZConfigDocument = z.strictObject({
  actionTypes: z.array(ZActionTypeConfig).default([]),
  policies: z.array(ZPolicyConfig).default([]),
});
export type TConfigDocument = z.infer<typeof ZConfigDocument>;
