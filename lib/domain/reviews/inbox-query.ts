import { z } from "zod";
import { validQueryFields } from "@/lib/kernel/validation/parse-input.ts";

// The inbox's filters and sort as they appear in its URL (/inbox?risk=high&sort=risk). Each value
// is checked on its own and an unknown one is dropped, so a hand-edited URL shows the inbox with
// the filters that make sense rather than an error page.
export const INBOX_SORTS = ["deadline", "risk", "age"] as const;
export const INBOX_RISKS = ["flagged", "medium", "high", "critical"] as const;
/** "Waiting longer than": the ages a reviewer can filter on, in seconds. */
export const INBOX_AGES = { "15m": 900, "1h": 3600, "4h": 14_400, "24h": 86_400 } as const;

const fields = {
  action: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/),
  agent: z.uuid(),
  risk: z.enum(INBOX_RISKS),
  age: z.enum(Object.keys(INBOX_AGES) as [keyof typeof INBOX_AGES]),
  sort: z.enum(INBOX_SORTS),
  cursor: z.string().max(1000),
};

export type TInboxQuery = {
  action?: string;
  agent?: string;
  risk?: (typeof INBOX_RISKS)[number];
  age?: keyof typeof INBOX_AGES;
  sort: (typeof INBOX_SORTS)[number];
  cursor?: string;
};

export function parseInboxQuery(params: Record<string, string | string[] | undefined>): TInboxQuery {
  return { sort: "deadline", ...validQueryFields(fields, params) } as TInboxQuery;
}
