import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// API keys look like `csk_<prefix>_<secret>`: the prefix (public, 72 random bits) finds the key
// row; the secret (256 random bits) is only ever stored as its SHA-256. A slow hash is not needed
// for secrets this long: there is nothing to guess.
const PREFIX_BYTES = 9;
const SECRET_BYTES = 32;

export type NewApiKey = { key: string; prefix: string; secretHash: Uint8Array<ArrayBuffer> };

export function generateApiKey(): NewApiKey {
  const prefix = randomBytes(PREFIX_BYTES).toString("hex");
  const secret = randomBytes(SECRET_BYTES).toString("base64url");
  return { key: `csk_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const match = /^csk_([0-9a-f]{18})_([A-Za-z0-9_-]{43})$/.exec(key);
  return match ? { prefix: match[1]!, secret: match[2]! } : null;
}

export function hashSecret(secret: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(createHash("sha256").update(secret).digest());
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const candidate = hashSecret(secret);
  return storedHash.length === candidate.length && timingSafeEqual(candidate, storedHash);
}
