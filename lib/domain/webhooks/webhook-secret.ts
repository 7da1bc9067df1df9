import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { decryptValue, encryptValue } from "@/lib/platform/crypto/key-ring.ts";

/** Standard Webhooks secrets: "whsec_" + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

// The agent id (one endpoint per agent) is bound into the ciphertext, so a secret copied to another
// agent's endpoint row does not decrypt there.
export const sealSecret = (agentId: string, secret: string) => encryptValue(secret, `webhook-secret:${agentId}`);
export const openSecret = (agentId: string, stored: string) => decryptValue(stored, `webhook-secret:${agentId}`);

/**
 * The `webhook-signature` header value: one `v1,<sig>` per live secret, space-separated. During a
 * rotation both the new and the previous secret sign, so receivers can switch at their own pace.
 */
export function signWebhook(secrets: string[], msgId: string, timestamp: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(msgId, timestamp, body)).join(" ");
}
