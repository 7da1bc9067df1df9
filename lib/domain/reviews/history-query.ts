import { z } from "zod";
import { validQueryFields } from "@/lib/kernel/validation/parse-input.ts";

// The history page's filters as they appear in its URL. An unknown value is dropped, not an error.
export const HISTORY_PERIODS = { "24h": 1, "7d": 7, "30d": 30, "90d": 90, "365d": 365 } as const;

const fields = {
  status: z.enum(["approved", "rejected", "expired", "cancelled"]),
  by: z.enum(["policy", "reviewers", "timeout", "agent"]),
  action: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/),
  agent: z.uuid(),
  period: z.enum(Object.keys(HISTORY_PERIODS) as [keyof typeof HISTORY_PERIODS]),
  q: z.string().trim().min(1).max(200),
  cursor: z.string().max(1000),
};

export type THistoryQuery = {
  status?: "approved" | "rejected" | "expired" | "cancelled";
  by?: "policy" | "reviewers" | "timeout" | "agent";
  action?: string;
  agent?: string;
  period: keyof typeof HISTORY_PERIODS;
  q?: string;
  cursor?: string;
};

export function parseHistoryQuery(params: Record<string, string | string[] | undefined>): THistoryQuery {
  return { period: "30d", ...validQueryFields(fields, params) } as THistoryQuery;
}
