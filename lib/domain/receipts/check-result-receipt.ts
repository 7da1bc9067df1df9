import { createHash, timingSafeEqual } from "node:crypto";
import { compactVerify, importJWK, type JWK } from "jose";
import { AppError } from "@/lib/kernel/errors.ts";
import type { Tx } from "@/lib/platform/db.ts";
import { RECEIPT_TYP } from "./receipt-claims.ts";

const digest = (s: string) => createHash("sha256").update(s).digest();

function notThisReceipt(): AppError {
  return new AppError("validation_error", "The receipt is not this request's approval receipt", [
    { path: "/receipt", message: "does not match the request" },
  ]);
}

/**
 * A result report must carry the request's own receipt: the one stored at approval, with a valid
 * signature by its key. An expired receipt is still accepted here — the action may have run
 * just before expiry and its result must not be lost — and the caller records that it had expired.
 */
export async function checkResultReceipt(
  tx: Tx,
  request: { id: string; receipt: string | null; receiptKeyId: string | null; receiptExpiresAt: Date | null },
  presented: string,
  now = new Date(),
): Promise<{ expired: boolean }> {
  if (!request.receipt || !request.receiptKeyId || !request.receiptExpiresAt) {
    throw new AppError("conflict", "This request was approved before receipts existed and cannot take a result");
  }
  if (!timingSafeEqual(digest(presented), digest(request.receipt))) throw notThisReceipt();
  const key = await tx.receiptKey.findUniqueOrThrow({ where: { id: request.receiptKeyId }, select: { kid: true, publicJwk: true } });
  try {
    const { payload, protectedHeader } = await compactVerify(presented, await importJWK(key.publicJwk as JWK, "EdDSA"));
    const claims = JSON.parse(new TextDecoder().decode(payload)) as { sub?: unknown };
    if (protectedHeader.kid !== key.kid || protectedHeader.typ !== RECEIPT_TYP || claims.sub !== request.id) throw notThisReceipt();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw notThisReceipt();
  }
  return { expired: request.receiptExpiresAt <= now };
}
