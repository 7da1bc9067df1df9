import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { db } from "@/lib/platform/db.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";
import { replaceReceiptKey } from "./signing-key.ts";

/**
 * Starts signing receipts with a new key. The retired key stays in the JWKS until the last
 * receipt it signed has expired (list-receipt-keys.ts), so nothing already issued stops verifying.
 */
export async function rotateReceiptKey(options: { actor: Actor }): Promise<{ kid: string; retired: string[] }> {
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    const { retired, created } = await replaceReceiptKey(tx);
    await recordAuditEvent(tx, {
      type: "receipt_key.rotated",
      actor: options.actor,
      subject: `receipt_key:${created.kid}`,
      data: { kid: created.kid, retired },
    });
    return { kid: created.kid, retired };
  });
}
