import { canonicalJson, sha256Hex } from "@/lib/kernel/json/canonical-json.ts";

export const GENESIS_HASH = "0".repeat(64);

export type SealableEvent = {
  id: bigint;
  occurredAt: Date;
  type: string;
  actorType: string;
  actorId: string | null;
  subject: string | null;
  data: unknown;
};

/** hash = sha256(prevHash ‖ canonical event), where the event includes its place in the chain. */
export function auditEventHash(prevHash: string, seq: bigint, e: SealableEvent): string {
  const canonical = canonicalJson({
    seq: seq.toString(),
    id: e.id.toString(),
    occurredAt: e.occurredAt.toISOString(),
    type: e.type,
    actorType: e.actorType,
    actorId: e.actorId,
    subject: e.subject,
    data: e.data,
  });
  return sha256Hex(prevHash + canonical);
}
