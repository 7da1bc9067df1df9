import { SignJWT } from "jose";
import type { Tx } from "@/lib/platform/db.ts";
import { env } from "@/lib/platform/env.ts";
import { RECEIPT_ALG, RECEIPT_TYP, type ReceiptApprover, type ReceiptClaims } from "./receipt-claims.ts";
import { activeSigningKey } from "./signing-key.ts";

export type IssuedReceipt = { receipt: string; keyId: string; kid: string; expiresAt: Date };

/**
 * Signs the approval receipt of a request being approved, inside the approving transaction (so
 * an approved request always has its receipt, and a rolled-back approval leaves none). The
 * approvers are the reviewers whose counting approvals of exactly the approved payload are recorded.
 */
export async function issueReceipt(
  tx: Tx,
  input: {
    request: { id: string; agentId: string; action: string };
    payloadHash: string;
    decidedBy: "policy" | "reviewers";
    decidedAt: Date;
  },
): Promise<IssuedReceipt> {
  const { request, payloadHash, decidedBy, decidedAt } = input;
  const approvers: ReceiptApprover[] =
    decidedBy === "reviewers"
      ? (
          await tx.review.findMany({
            where: { requestId: request.id, outcome: "approve", payloadHash, counted: true },
            orderBy: { createdAt: "asc" },
            select: { reviewer: { select: { id: true, name: true } } },
          })
        ).map((r) => ({ id: r.reviewer.id, name: r.reviewer.name }))
      : [];
  const signing = await activeSigningKey(tx);
  const issuedAt = Math.floor(decidedAt.getTime() / 1000);
  const expiresAt = new Date((issuedAt + env().RECEIPT_TTL_SECONDS) * 1000);
  const claims: Omit<ReceiptClaims, "iss" | "sub" | "iat" | "exp"> = {
    agent_id: request.agentId,
    action: request.action,
    payload_hash: payloadHash,
    decided_by: decidedBy,
    approvers,
  };
  const receipt = await new SignJWT(claims)
    .setProtectedHeader({ alg: RECEIPT_ALG, kid: signing.kid, typ: RECEIPT_TYP })
    .setIssuer(env().APP_URL)
    .setSubject(request.id)
    .setIssuedAt(issuedAt)
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(signing.key);
  return { receipt, keyId: signing.id, kid: signing.kid, expiresAt };
}
