import { stringify } from "csv-stringify/sync";
import type { Actor } from "@/lib/domain/auth/actor.ts";
import { db } from "@/lib/platform/db.ts";
import { requireReader } from "@/lib/domain/users/require-reader.ts";
import type { TAuditFilter } from "./audit-query.ts";
import { iterateAuditEvents } from "./list-audit-events.ts";
import type { NamedAuditRow } from "./name-audit-actors.ts";

export type AuditExportFormat = "csv" | "jsonl";

// actorName is for people reading the export; it is not part of the hashed event (the id is).
const COLUMNS = ["id", "seq", "occurredAt", "type", "actorType", "actorId", "actorName", "subject", "data", "prevHash", "hash"] as const;

function record(e: NamedAuditRow) {
  return {
    id: e.id.toString(),
    seq: e.seq?.toString() ?? null,
    occurredAt: e.occurredAt.toISOString(),
    type: e.type,
    actorType: e.actorType,
    actorId: e.actorId,
    actorName: e.actorName,
    subject: e.subject,
    data: e.data,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

/**
 * The matching audit events as CSV or JSON Lines, oldest first, streamed batch by batch. Each
 * record carries seq, prevHash and hash, so anyone can re-verify the exported stretch of the chain
 * (docs/AUDIT.md). CSV cells that a spreadsheet would run as a formula (=, +, -, @ …) are escaped;
 * the event data is one JSON cell.
 */
export async function exportAuditEvents(options: {
  actor: Actor;
  filter: TAuditFilter;
  format: AuditExportFormat;
}): Promise<ReadableStream<Uint8Array>> {
  await requireReader(db(), options.actor, "the audit trail");
  const encoder = new TextEncoder();
  const events = iterateAuditEvents(options);
  // The first batch is read before the stream is handed back: a query that fails does so while
  // the route can still answer with an error, not after a 200 with a cut-off body.
  let first: IteratorResult<NamedAuditRow> | null = await events.next();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started && options.format === "csv") controller.enqueue(encoder.encode(stringify([[...COLUMNS]])));
      started = true;
      const lines: string[] = [];
      for (let i = 0; i < 500; i++) {
        const next = first ?? (await events.next());
        first = null;
        if (next.done) {
          if (lines.length) controller.enqueue(encoder.encode(lines.join("")));
          controller.close();
          return;
        }
        const r = record(next.value);
        lines.push(
          options.format === "jsonl"
            ? `${JSON.stringify(r)}\n`
            : stringify([COLUMNS.map((c) => (c === "data" ? JSON.stringify(r.data) : (r[c] ?? "")))], { escape_formulas: true }),
        );
      }
      controller.enqueue(encoder.encode(lines.join("")));
    },
    async cancel() {
      await events.return(undefined);
    },
  });
}
