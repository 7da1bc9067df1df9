import { generateKeyPairSync } from "node:crypto";
import { SignJWT, type JSONWebKeySet } from "jose";
import { describe, expect, it } from "vitest";
import { checkResultReceipt } from "@/lib/domain/receipts/check-result-receipt.ts";
import { listReceiptKeys } from "@/lib/domain/receipts/list-receipt-keys.ts";
import { db } from "@/lib/platform/db.ts";
import { ReceiptVerificationError, verifyReceipt } from "@/packages/sdk/index.ts";
import { reviewSetup } from "../support/approvals.ts";
import { BASE_URL, call } from "../support/http.ts";
import { runAdmin } from "../support/run-admin.ts";

const jwks = async (): Promise<JSONWebKeySet> => (await call("GET", "/.well-known/jwks.json")).body;

async function reason(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (err) => err,
  );
  expect(e).toBeInstanceOf(ReceiptVerificationError);
  return (e as ReceiptVerificationError).reason;
}

const decode = (part: string) => Buffer.from(part, "base64url");
const encode = (bytes: Buffer) => bytes.toString("base64url");

describe("approval receipts", () => {
  it("are published as Ed25519 public keys only", async () => {
    const { api, key } = await reviewSetup({ rules: [{ name: "all", outcome: "allow" }] });
    await api.submit({ action: key, payload: { n: 1 } }); // at least one key exists
    const res = await call("GET", "/.well-known/jwks.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("max-age");
    expect(res.body.keys.length).toBeGreaterThan(0);
    for (const k of res.body.keys) {
      expect(Object.keys(k).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x"]);
      expect(k).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    }
  });

  it("the key set may be fetched from any origin (CORS *, CORP cross-origin); other routes keep same-origin", async () => {
    const origin = { origin: "https://verifier.example" };
    const res = await call("GET", "/.well-known/jwks.json", { headers: origin });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    // A CORS preflight (a verifier sending a non-simple header) is answered too.
    const preflight = await call("OPTIONS", "/.well-known/jwks.json", {
      headers: { ...origin, "access-control-request-method": "GET", "access-control-request-headers": "if-none-match" },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("GET");
    for (const path of ["/api/health", "/api/v1/openapi.json", "/signin"]) {
      const other = await call("GET", path, { headers: origin });
      expect(other.headers.get("access-control-allow-origin"), path).toBeNull();
      expect(other.headers.get("cross-origin-resource-policy"), path).toBe("same-origin");
    }
  });

  it("a policy approval carries a receipt that verifies offline for exactly its payload", async () => {
    const { api, key, agent } = await reviewSetup({ rules: [{ name: "all", outcome: "allow" }] });
    const payload = { amount: 500, to: "acct_123", note: "INV-1042 ünïcode" };
    const res = await api.submit({ action: key, payload });
    expect(res.body.status).toBe("approved");
    const keys = await jwks();
    const claims = await verifyReceipt(res.body.receipt, payload, { keys, issuer: BASE_URL, requestId: res.body.id, action: key });
    expect(claims).toMatchObject({
      requestId: res.body.id,
      agentId: agent.agentId,
      action: key,
      payloadHash: res.body.payloadHash,
      decidedBy: "policy",
      approvers: [],
      issuer: BASE_URL,
    });
    expect(claims.expiresAt.getTime() - claims.issuedAt.getTime()).toBe(24 * 3600 * 1000);
    // Key order is not part of the payload's meaning (RFC 8785): the same object verifies.
    await verifyReceipt(res.body.receipt, { to: "acct_123", note: "INV-1042 ünïcode", amount: 500 }, { keys });
    // A GET shows the same receipt; a pending request has none.
    expect((await api.get(res.body.id)).body.receipt).toBe(res.body.receipt);

    for (const altered of [
      { ...payload, amount: 501 },
      { ...payload, to: "acct_124" },
      { ...payload, extra: true },
      { amount: 500, to: "acct_123" },
      { ...payload, amount: "500" },
    ]) {
      expect(await reason(verifyReceipt(res.body.receipt, altered, { keys }))).toBe("payload_mismatch");
    }
  });

  it("covers the reviewer-edited payload, names the approver, and not the original payload", async () => {
    const s = await reviewSetup();
    const created = await s.api.submit({ action: s.key, payload: { amount: 900, to: "acct_1" } });
    expect(created.body.receipt).toBeNull();
    const approved = await s.approve(created.body.id, { amount: 450, to: "acct_1" }, "half now");
    expect(approved.approvedPayload).toEqual({ amount: 450, to: "acct_1" });
    const keys = await jwks();
    const claims = await verifyReceipt(approved.receipt, { amount: 450, to: "acct_1" }, { keys, requestId: created.body.id });
    expect(claims.decidedBy).toBe("reviewers");
    expect(claims.approvers).toEqual([{ id: s.reviewer.id, name: expect.any(String) }]);
    expect(await reason(verifyReceipt(approved.receipt, { amount: 900, to: "acct_1" }, { keys }))).toBe("payload_mismatch");
  });

  it("fails for any altered byte of the receipt, another request's payload or id, expiry and unknown keys", async () => {
    const s = await reviewSetup({ rules: [{ name: "all", outcome: "allow" }] });
    const a = (await s.api.submit({ action: s.key, payload: { id: "a" } })).body;
    const b = (await s.api.submit({ action: s.key, payload: { id: "b" } })).body;
    const keys = await jwks();
    await verifyReceipt(a.receipt, a.approvedPayload, { keys });

    // Every byte of the protected header, the claims and the signature, one bit flipped at a time.
    const parts = (a.receipt as string).split(".").map(decode);
    let checked = 0;
    for (let p = 0; p < 3; p++) {
      for (let i = 0; i < parts[p]!.length; i++) {
        const copy = parts.map((x) => Buffer.from(x));
        copy[p]![i]! ^= 0x01;
        const tampered = copy.map(encode).join(".");
        await expect(verifyReceipt(tampered, a.approvedPayload, { keys })).rejects.toBeInstanceOf(ReceiptVerificationError);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);

    expect(await reason(verifyReceipt(a.receipt, b.approvedPayload, { keys }))).toBe("payload_mismatch");
    expect(await reason(verifyReceipt(a.receipt, a.approvedPayload, { keys, requestId: b.id }))).toBe("claim_mismatch");
    expect(await reason(verifyReceipt(a.receipt, a.approvedPayload, { keys, action: "other.action" }))).toBe("claim_mismatch");

    const expiresAt = JSON.parse(decode(a.receipt.split(".")[1]).toString()).exp * 1000;
    await verifyReceipt(a.receipt, a.approvedPayload, { keys, currentDate: new Date(expiresAt - 60_000) });
    expect(await reason(verifyReceipt(a.receipt, a.approvedPayload, { keys, currentDate: new Date(expiresAt + 60_000) }))).toBe("expired");

    // Same claims, signed by a key Countersign never published.
    const stranger = generateKeyPairSync("ed25519").privateKey;
    const claims = JSON.parse(decode(a.receipt.split(".")[1]).toString());
    const header = JSON.parse(decode(a.receipt.split(".")[0]).toString());
    const forged = await new SignJWT(claims).setProtectedHeader({ ...header, kid: "rk-unknown" }).sign(stranger);
    expect(await reason(verifyReceipt(forged, a.approvedPayload, { keys }))).toBe("unknown_key");
    const impostor = await new SignJWT(claims).setProtectedHeader(header).sign(stranger);
    expect(await reason(verifyReceipt(impostor, a.approvedPayload, { keys }))).toBe("bad_signature");
  });

  it("a result report must carry this request's receipt; an expired one is accepted and audited as such", async () => {
    const s = await reviewSetup({ rules: [{ name: "all", outcome: "allow" }] });
    const a = (await s.api.submit({ action: s.key, payload: { id: "a" } })).body;
    const b = (await s.api.submit({ action: s.key, payload: { id: "b" } })).body;
    const wrong = await s.api.result(a.id, { status: "succeeded", receipt: b.receipt });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].path).toBe("/receipt");
    // One signature character changed (not the last, whose low bits are padding and may not count).
    const flipped = a.receipt.at(-5) === "A" ? "B" : "A";
    const garbage = await s.api.result(a.id, { status: "succeeded", receipt: `${a.receipt.slice(0, -5)}${flipped}${a.receipt.slice(-4)}` });
    expect(garbage.status).toBe(400);
    const ok = await s.api.result(a.id, { status: "succeeded", receipt: a.receipt });
    expect(ok.status).toBe(200);
    const event = await db().auditEvent.findFirstOrThrow({ where: { subject: `request:${a.id}`, type: "request.executed" } });
    expect(event.data).toMatchObject({ receiptExpired: false });

    // The expiry decision itself, at a time after the receipt's exp.
    const row = await db().approvalRequest.findUniqueOrThrow({ where: { id: b.id } });
    const later = new Date(row.receiptExpiresAt!.getTime() + 1000);
    expect(await checkResultReceipt(db(), row, b.receipt, later)).toEqual({ expired: true });
    expect(await checkResultReceipt(db(), row, b.receipt)).toEqual({ expired: false });
  });

  it("rotation signs new receipts with a new key; old receipts keep verifying while unexpired", async () => {
    const s = await reviewSetup({ rules: [{ name: "all", outcome: "allow" }] });
    const before = (await s.api.submit({ action: s.key, payload: { n: 1 } })).body;
    const oldKid = JSON.parse(decode(before.receipt.split(".")[0]).toString()).kid;

    const rotated = await runAdmin(["receipt:key:rotate"]);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.json.retired).toContain(oldKid);
    const after = (await s.api.submit({ action: s.key, payload: { n: 2 } })).body;
    const newKid = JSON.parse(decode(after.receipt.split(".")[0]).toString()).kid;
    expect(newKid).not.toBe(oldKid);

    const keys = await jwks();
    const kids = keys.keys.map((k) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([oldKid, newKid]));
    await verifyReceipt(before.receipt, before.approvedPayload, { keys });
    await verifyReceipt(after.receipt, after.approvedPayload, { keys });

    // The retired key stays published only while a receipt it signed is unexpired: once every
    // receipt has expired (ten years on, whatever the TTL), only the active key is left.
    const later = await listReceiptKeys(new Date(Date.now() + 10 * 365 * 86_400_000));
    expect(later.keys.map((k) => k.kid)).not.toContain(oldKid);
    expect(later.keys).toHaveLength(1);

    const audit = await db().auditEvent.findFirst({ where: { type: "receipt_key.rotated", subject: `receipt_key:${rotated.json.kid}` } });
    expect(audit?.actorType).toBe("cli");
  });
});
