import { afterEach, describe, expect, it } from "vitest";
import { generateKeyRingEntry } from "@/lib/platform/crypto/key-ring.ts";
import {
  isSealed,
  maskAtPointers,
  openAtPointers,
  openJson,
  openText,
  sealAtPointers,
  sealJson,
  sealText,
  sealedKeyIdsAt,
} from "@/lib/platform/crypto/sealed-values.ts";
import { getAtPointer, replaceAtPointer } from "@/lib/kernel/json/json-pointer.ts";
import { openRequestContent, sealSubmission } from "@/lib/domain/requests/sealed-request.ts";
import type { Prisma } from "@/lib/platform/db.ts";

const original = process.env.ENCRYPTION_KEYS;
afterEach(() => {
  process.env.ENCRYPTION_KEYS = original;
});

describe("JSON pointers", () => {
  it("read and replace values, escaped keys and array items included", () => {
    const doc = { a: { "b/c": [1, { "d~e": 2 }] } };
    expect(getAtPointer(doc, "/a/b~1c/1/d~0e")).toEqual({ found: true, value: 2 });
    expect(getAtPointer(doc, "/a/missing")).toEqual({ found: false });
    expect(getAtPointer(doc, "/a/b~1c/7")).toEqual({ found: false });
    expect(replaceAtPointer(doc, "/a/b~1c/0", "x")).toEqual({ a: { "b/c": ["x", { "d~e": 2 }] } });
    expect(doc.a["b/c"][0]).toBe(1); // copies, never mutates
  });
});

describe("sealed values", () => {
  const payload = { amount: 5, to: "acct_canary", card: { number: "4111111111111111", exp: "12/30" }, memo: "hi" };

  it("encrypts the values at the pointers only, and opens them again", () => {
    const sealed = sealAtPointers(payload, ["/to", "/card/number", "/absent"], "ctx") as typeof payload;
    expect(sealed.amount).toBe(5);
    expect(sealed.memo).toBe("hi");
    expect(isSealed(sealed.to)).toBe(true);
    expect(isSealed(sealed.card.number)).toBe(true);
    expect(JSON.stringify(sealed)).not.toContain("acct_canary");
    expect(openAtPointers(sealed, ["/to", "/card/number", "/absent"], "ctx")).toEqual(payload);
  });

  it("opens nested pointers sealed in either order", () => {
    for (const order of [
      ["/card/number", "/card"],
      ["/card", "/card/number"],
    ]) {
      expect(openAtPointers(sealAtPointers(payload, order, "c"), order, "c")).toEqual(payload);
    }
  });

  it("binds a ciphertext to its context: copied to another row it does not open", () => {
    const sealed = sealText("reasoning canary", "approval_requests.reasoning:A");
    expect(openText(sealed, "approval_requests.reasoning:A")).toBe("reasoning canary");
    expect(() => openText(sealed, "approval_requests.reasoning:B")).toThrow();
  });

  it("always encrypts what an agent sends, even text shaped like a ciphertext", () => {
    const fake = "enc1.test1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA";
    const stored = sealSubmission("00000000-0000-7000-8000-000000000001", ["/to"], {
      payload: { to: fake },
      reasoning: fake,
      context: { k: fake },
    });
    const row = {
      id: "00000000-0000-7000-8000-000000000001",
      sealedFields: ["/to"],
      payload: stored.payload as Prisma.JsonValue,
      approvedPayload: null,
      reasoning: stored.reasoning,
      context: stored.context ?? null,
      executionOutput: null,
      executionError: null,
    };
    expect(openRequestContent(row)).toMatchObject({ payload: { to: fake }, reasoning: fake, context: { k: fake } });
  });

  it("returns plaintext written before encryption existed as it is", () => {
    expect(openText("legacy reasoning", "x")).toBe("legacy reasoning");
    expect(openJson({ legacy: true }, "x")).toEqual({ legacy: true });
  });

  it("keeps old keys readable after a rotation and reports which key sealed what", () => {
    const old = generateKeyRingEntry("old");
    process.env.ENCRYPTION_KEYS = old;
    const sealed = sealJson({ output: "canary" }, "ctx");
    expect([...sealedKeyIdsAt({ a: [sealed], memo: sealed }, ["/a/0"])]).toEqual(["old"]);
    // A sealed-looking string away from the sealed pointers is an agent's text, not ours.
    expect([...sealedKeyIdsAt({ a: [1], memo: sealed }, ["/a/0"])]).toEqual([]);
    process.env.ENCRYPTION_KEYS = `${generateKeyRingEntry("new")},${old}`;
    expect(openJson(sealed, "ctx")).toEqual({ output: "canary" });
    expect(sealJson(1, "ctx")).toMatch(/^enc1\.new\./);
    process.env.ENCRYPTION_KEYS = generateKeyRingEntry("new");
    expect(() => openJson(sealed, "ctx")).toThrow(/not in ENCRYPTION_KEYS/);
  });

  it("masks values for webhooks and logs", () => {
    expect(maskAtPointers(payload, ["/to", "/card/number", "/nope"])).toEqual({
      ...payload,
      to: "[redacted]",
      card: { ...payload.card, number: "[redacted]" },
    });
  });
});
