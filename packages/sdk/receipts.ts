import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import { ReceiptVerificationError, type ReceiptFailure } from "./errors.ts";
import { payloadHash } from "./payload-hash.ts";

export const RECEIPT_TYP = "countersign-receipt+jwt";

/** What a verified receipt proves (docs/RECEIPTS.md). */
export type VerifiedReceipt = {
  requestId: string;
  agentId: string;
  action: string;
  payloadHash: string;
  decidedBy: "policy" | "reviewers";
  approvers: { id: string; name: string }[];
  issuer: string;
  issuedAt: Date;
  expiresAt: Date;
  keyId: string;
};

export type VerifyReceiptOptions = {
  /** The issuer's public keys: a JWKS (offline) or a key resolver such as jose's createRemoteJWKSet. */
  keys: JSONWebKeySet | JWTVerifyGetKey;
  /** Require this issuer (the instance's APP_URL). */
  issuer?: string;
  /** Require this request id / action / agent id. */
  requestId?: string;
  action?: string;
  agentId?: string;
  /** Verification time (default now); allowed clock skew in seconds (default 30). */
  currentDate?: Date;
  clockToleranceSeconds?: number;
};

function failure(e: unknown): ReceiptVerificationError {
  if (e instanceof ReceiptVerificationError) return e;
  const table: [new (...a: never[]) => Error, ReceiptFailure][] = [
    [errors.JWTExpired, "expired"],
    [errors.JWKSNoMatchingKey, "unknown_key"],
    [errors.JWSSignatureVerificationFailed, "bad_signature"],
    [errors.JWTClaimValidationFailed, "claim_mismatch"],
  ];
  const reason = table.find(([type]) => e instanceof type)?.[1] ?? "malformed";
  return new ReceiptVerificationError(reason, `Receipt rejected (${reason}): ${(e as Error).message}`);
}

/**
 * Checks, offline given the keys, that `receipt` is a valid, unexpired Countersign approval of
 * exactly `payload`: signature (EdDSA, known kid), type, expiry, optional issuer/request/action,
 * and the RFC 8785 hash of `payload` against the signed `payload_hash`. Throws
 * ReceiptVerificationError (with a `reason`) otherwise.
 */
export async function verifyReceipt(receipt: string, payload: unknown, options: VerifyReceiptOptions): Promise<VerifiedReceipt> {
  const getKey = typeof options.keys === "function" ? options.keys : createLocalJWKSet(options.keys);
  let verified: Awaited<ReturnType<typeof jwtVerify>>;
  try {
    verified = await jwtVerify(receipt, getKey, {
      algorithms: ["EdDSA"],
      typ: RECEIPT_TYP,
      issuer: options.issuer,
      subject: options.requestId,
      currentDate: options.currentDate,
      clockTolerance: options.clockToleranceSeconds ?? 30,
      requiredClaims: ["iss", "sub", "iat", "exp"],
    });
  } catch (e) {
    throw failure(e);
  }
  const { payload: c, protectedHeader } = verified;
  const claims = c as Record<string, unknown>;
  const ok =
    typeof claims.agent_id === "string" &&
    typeof claims.action === "string" &&
    typeof claims.payload_hash === "string" &&
    (claims.decided_by === "policy" || claims.decided_by === "reviewers") &&
    Array.isArray(claims.approvers);
  if (!ok) throw new ReceiptVerificationError("malformed", "Receipt is missing Countersign claims");
  if (options.action !== undefined && claims.action !== options.action)
    throw new ReceiptVerificationError("claim_mismatch", `Receipt is for action ${String(claims.action)}`);
  if (options.agentId !== undefined && claims.agent_id !== options.agentId)
    throw new ReceiptVerificationError("claim_mismatch", "Receipt is for another agent");
  if ((await payloadHash(payload)) !== claims.payload_hash) {
    throw new ReceiptVerificationError("payload_mismatch", "The payload is not the one that was approved");
  }
  return {
    requestId: c.sub!,
    agentId: claims.agent_id as string,
    action: claims.action as string,
    payloadHash: claims.payload_hash as string,
    decidedBy: claims.decided_by as "policy" | "reviewers",
    approvers: claims.approvers as { id: string; name: string }[],
    issuer: c.iss!,
    issuedAt: new Date(c.iat! * 1000),
    expiresAt: new Date(c.exp! * 1000),
    keyId: protectedHeader.kid ?? "",
  };
}
