import { createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { decryptValue, encryptValue, keyIdOf } from "@/lib/platform/crypto/key-ring.ts";
import { freshCache } from "@/lib/platform/cache/fresh-cache.ts";
import { db, type Prisma, type Tx } from "@/lib/platform/db.ts";

export type SigningKey = { id: string; kid: string; key: KeyObject };

// Decrypted private keys, by kid: a key never changes once created, so the cache never goes stale.
const cache = new Map<string, KeyObject>();

const aad = (kid: string) => `receipt-key:${kid}`;

/** Serialises key creation and rotation, so two first approvals never create two active keys. */
async function lockReceiptKeys(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('countersign:receipt-keys'))`;
}

/**
 * A new Ed25519 key: the public half as a JWK, the private half PKCS#8 encrypted with the key
 * ring (bound to its kid, so a ciphertext copied to another row does not decrypt).
 */
export async function createReceiptKey(tx: Tx, now = new Date()): Promise<{ id: string; kid: string }> {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const kid = `rk-${now.toISOString().slice(0, 10).replaceAll("-", "")}-${randomBytes(4).toString("hex")}`;
  const { kty, crv, x } = publicKey.export({ format: "jwk" });
  const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const row = await tx.receiptKey.create({
    data: { kid, publicJwk: { kty, crv, x } as Prisma.InputJsonValue, privateKey: encryptValue(pem, aad(kid)), createdAt: now },
  });
  cache.set(kid, privateKey);
  return { id: row.id, kid };
}

/** Retires every active key and creates the next one, under the creation lock. */
export async function replaceReceiptKey(tx: Tx, now = new Date()) {
  await lockReceiptKeys(tx);
  const retired = await tx.receiptKey.findMany({ where: { retiredAt: null }, select: { kid: true } });
  await tx.receiptKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: now } });
  return { retired: retired.map((k) => k.kid), created: await createReceiptKey(tx, now) };
}

const ACTIVE_KEY_SELECT = { id: true, kid: true, privateKey: true } as const;
const findActive = (tx: Tx) =>
  tx.receiptKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: "desc" }, select: ACTIVE_KEY_SELECT });

// Which key is active, as committed: read once a second at most, and again at once after a rotation
// (fresh-cache.ts). A receipt signed by the key a rotation has just retired still verifies: retired
// keys stay published until their receipts expire.
const committedActive = freshCache({ tables: ["receipt_keys"], load: () => findActive(db()) });

/** The key that signs now: the newest unretired one, created on first use (inside `tx`). */
export async function activeSigningKey(tx: Tx): Promise<SigningKey> {
  let row = (await committedActive.get("active")) ?? (await findActive(tx));
  if (!row) {
    await lockReceiptKeys(tx);
    row = await findActive(tx);
    if (!row) {
      const created = await createReceiptKey(tx);
      return { ...created, key: cache.get(created.kid)! };
    }
  }
  let key = cache.get(row.kid);
  if (!key) {
    key = createPrivateKey(decryptValue(row.privateKey, aad(row.kid)));
    cache.set(row.kid, key);
  }
  return { id: row.id, kid: row.kid, key };
}

/** Re-encrypts private keys stored under an older key of the ring (the re-encryption job). */
export async function resealReceiptKeys(tx: Tx, activeKeyId: string): Promise<number> {
  let resealed = 0;
  for (const k of await tx.receiptKey.findMany({ select: { id: true, kid: true, privateKey: true } })) {
    if (keyIdOf(k.privateKey) === activeKeyId) continue;
    await tx.receiptKey.update({
      where: { id: k.id },
      data: { privateKey: encryptValue(decryptValue(k.privateKey, aad(k.kid)), aad(k.kid)) },
    });
    resealed++;
  }
  return resealed;
}
