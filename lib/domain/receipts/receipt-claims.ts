// The approval receipt's wire format (docs/RECEIPTS.md). The SDK verifies the same shape
// (packages/sdk/receipts.ts) and must stand alone, so the shared `typ` is defined there.

/** JWS `typ` header: keeps a receipt from being mistaken for any other token, and vice versa. */
export { RECEIPT_TYP } from "@/packages/sdk/receipts.ts";
export const RECEIPT_ALG = "EdDSA";

export type ReceiptApprover = { id: string; name: string };

/** The JWT claims of a receipt. */
export type ReceiptClaims = {
  /** APP_URL of the issuing instance. */
  iss: string;
  /** The approval request's id. */
  sub: string;
  iat: number;
  exp: number;
  agent_id: string;
  action: string;
  /** `sha256:` + hex SHA-256 of the approved payload in RFC 8785 form. */
  payload_hash: string;
  decided_by: "policy" | "reviewers";
  /** Reviewers whose approvals of exactly this payload decided the request; empty for policy. */
  approvers: ReceiptApprover[];
};
