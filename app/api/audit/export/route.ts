import { ZAuditFilter } from "@/lib/domain/audit/audit-query.ts";
import { exportAuditEvents } from "@/lib/domain/audit/export-audit-events.ts";
import { handle } from "@/lib/web/handle.ts";
import { requireSessionApi } from "@/lib/web/require-session-api.ts";
import { parseInput, queryOf } from "@/lib/kernel/validation/parse-input.ts";
import { z } from "zod";
import { otherMethods } from "@/lib/web/method-not-allowed.ts";

export const dynamic = "force-dynamic";

const ZExportQuery = ZAuditFilter.extend({ format: z.enum(["csv", "jsonl"]).default("jsonl") });

// GET /api/audit/export?format=csv|jsonl&type=…&actor=…&subject=…&from=…&to=… — the audit trail, streamed (admins, auditors)
export const GET = handle(async (req) => {
  const actor = await requireSessionApi();
  const { format, ...filter } = parseInput(ZExportQuery, Object.fromEntries(Object.entries(queryOf(req)).filter(([, v]) => v !== "")));
  const stream = await exportAuditEvents({ actor, filter, format });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, "");
  return new Response(stream, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="countersign-audit-${stamp}.${format === "csv" ? "csv" : "jsonl"}"`,
      "cache-control": "no-store",
    },
  });
});

// Other methods: 405 with Allow and the JSON error body
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
