import { createHash } from "node:crypto";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { db } from "@/lib/platform/db.ts";
import { env } from "@/lib/platform/env.ts";
import { activeKeyId } from "@/lib/platform/crypto/key-ring.ts";

const SYSTEM = { kind: "system", name: "configuration" } as const;

/** A fingerprint that identifies a secret without revealing it (the secret is ≥ 32 random chars). */
const fingerprint = (secret: string) => createHash("sha256").update(`countersign:session-secret:${secret}`).digest("hex").slice(0, 16);

/**
 * Rotations of secrets that live in the environment — the active encryption key and the session
 * secret — happen outside the app; at worker start they are compared with what was recorded
 * last (system_facts) and each change gets an audit event. Several workers starting at once
 * record it once (row lock on the fact).
 */
export async function recordSecretRotations(): Promise<string[]> {
  const facts: [key: string, value: string, type: string][] = [
    ["encryption.activeKeyId", activeKeyId(), "encryption.key_rotated"],
    ["session.secretFingerprint", fingerprint(env().NEXTAUTH_SECRET), "session.secret_rotated"],
  ];
  return db().$transaction(async (tx) => {
    const recorded: string[] = [];
    for (const [key, value, type] of facts) {
      await tx.$executeRaw`INSERT INTO system_facts (key, value, "updatedAt") VALUES (${key}, ${value}, now()) ON CONFLICT (key) DO NOTHING`;
      const [row] = await tx.$queryRaw<{ value: string }[]>`SELECT value FROM system_facts WHERE key = ${key} FOR UPDATE`;
      if (!row || row.value === value) continue;
      await tx.systemFact.update({ where: { key }, data: { value } });
      const data =
        key === "encryption.activeKeyId" ? { from: row.value, to: value } : { previousSecretAccepted: !!env().NEXTAUTH_SECRET_PREVIOUS };
      await recordAuditEvent(tx, { type, actor: SYSTEM, subject: key, data });
      recorded.push(type);
    }
    return recorded;
  });
}
