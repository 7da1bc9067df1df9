import { z } from "zod";
import { validQueryFields } from "@/lib/kernel/validation/parse-input.ts";

// The audit viewer's filters (URL of the page and of the export). Unknown values are dropped on the
// page; the export route parses strictly (parseInput) and answers 400.
export const ZAuditFilter = z.object({
  type: z
    .string()
    .regex(/^[a-z_.]{1,100}$/)
    .optional(),
  actorType: z.enum(["user", "agent", "system", "cli"]).optional(),
  actor: z.string().min(1).max(200).optional(),
  subject: z.string().min(1).max(300).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type TAuditFilter = z.infer<typeof ZAuditFilter>;

export function parseAuditFilter(params: Record<string, string | string[] | undefined>): TAuditFilter & { cursor?: string } {
  const out = validQueryFields(ZAuditFilter.shape, params);
  const cursor = params.cursor;
  if (typeof cursor === "string" && /^\d{1,20}$/.test(cursor)) out.cursor = cursor;
  return out as TAuditFilter & { cursor?: string };
}
