import { db } from "@/lib/platform/db.ts";

export type PublishedJwk = { kty: string; crv: string; x: string; kid: string; alg: "EdDSA"; use: "sig" };

/**
 * The JWKS: the active key, plus every retired key that signed a receipt that has not expired
 * yet — so a receipt stays verifiable for its whole life, across any number of rotations.
 */
export async function listReceiptKeys(now = new Date()): Promise<{ keys: PublishedJwk[] }> {
  const rows = await db().receiptKey.findMany({
    where: { OR: [{ retiredAt: null }, { requests: { some: { receiptExpiresAt: { gt: now } } } }] },
    orderBy: { createdAt: "desc" },
    select: { kid: true, publicJwk: true },
  });
  return {
    keys: rows.map((r) => {
      const { kty, crv, x } = r.publicJwk as { kty: string; crv: string; x: string };
      return { kty, crv, x, kid: r.kid, alg: "EdDSA", use: "sig" };
    }),
  };
}
