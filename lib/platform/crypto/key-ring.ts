import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";

// Values encrypted at rest (webhook secrets, chat webhook URLs, sensitive payload fields, reasoning,
// context, execution output: lib/platform/crypto/sealed-values.ts)
// use AES-256-GCM under a key ring from ENCRYPTION_KEYS: "id:base64key,id:base64key", the first
// key encrypts, every key decrypts. A stored value names its key, so old keys keep working after a
// rotation until a re-encryption moves the data.

const PREFIX = "enc1";
const ZKeyId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, "key ids are 1-32 letters, digits, - or _");

export type KeyRing = { activeKeyId: string; keys: Map<string, Buffer> };

export function parseKeyRing(spec: string): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const entry of spec
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.indexOf(":");
    if (at < 0) throw new Error("ENCRYPTION_KEYS: each entry is <id>:<base64 of 32 bytes>");
    const id = ZKeyId.parse(entry.slice(0, at));
    const key = Buffer.from(entry.slice(at + 1), "base64");
    if (key.length !== 32) throw new Error(`ENCRYPTION_KEYS: key ${id} must be 32 bytes (base64)`);
    if (keys.has(id)) throw new Error(`ENCRYPTION_KEYS: key id ${id} appears twice`);
    keys.set(id, key);
  }
  const activeKeyId = keys.keys().next().value;
  if (!activeKeyId) throw new Error("ENCRYPTION_KEYS is empty");
  return { activeKeyId, keys };
}

/** A new ring entry, for local installs and `.env` bootstrap. */
export function generateKeyRingEntry(id: string): string {
  return `${ZKeyId.parse(id)}:${randomBytes(32).toString("base64")}`;
}

let cached: { spec: string; ring: KeyRing } | undefined;

function keyRing(): KeyRing {
  const spec = process.env.ENCRYPTION_KEYS ?? "";
  if (cached?.spec !== spec) cached = { spec, ring: parseKeyRing(spec) };
  return cached.ring;
}

/**
 * Encrypts `plaintext` under the active key. `context` is bound as additional authenticated data
 * (e.g. "webhook-secret:<endpoint id>"), so a ciphertext copied into another row does not decrypt.
 */
export function encryptValue(plaintext: string, context: string): string {
  const ring = keyRing();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ring.keys.get(ring.activeKeyId)!, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [PREFIX, ring.activeKeyId, iv.toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptValue(stored: string, context: string): string {
  const [prefix, keyId, iv, body] = stored.split(".");
  if (prefix !== PREFIX || !keyId || !iv || !body) throw new Error("not an encrypted value");
  const key = keyRing().keys.get(keyId);
  if (!key) throw new Error(`encryption key ${keyId} is not in ENCRYPTION_KEYS`);
  const data = Buffer.from(body, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
}

/** The id of the key new values are encrypted with (the first of ENCRYPTION_KEYS). */
export function activeKeyId(): string {
  return keyRing().activeKeyId;
}

/** The key a stored value was encrypted with (for re-encryption to the active key). */
export function keyIdOf(stored: string): string | null {
  const [prefix, keyId] = stored.split(".");
  return prefix === PREFIX && keyId ? keyId : null;
}
