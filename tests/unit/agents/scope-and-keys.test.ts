import { describe, expect, it } from "vitest";
import { generateApiKey, parseApiKey, secretMatches } from "@/lib/domain/agents/api-key.ts";
import { scopeAllows, ZScopePattern } from "@/lib/domain/agents/scope-allows.ts";

describe("scopeAllows", () => {
  it.each([
    [["email.send"], "email.send", true],
    [["email.send"], "email.sendall", false],
    [["payments.*"], "payments.transfer", true],
    [["payments.*"], "payments.refund.partial", true],
    [["payments.*"], "payments", false],
    [["payments.*"], "paymentsx.transfer", false],
    [["*"], "anything.at_all", true],
    [[], "email.send", false],
    [["docs.read", "email.*"], "email.send", true],
  ] as const)("%j allows %s: %s", (scopes, action, expected) => {
    expect(scopeAllows([...scopes], action)).toBe(expected);
  });

  it("validates patterns", () => {
    for (const ok of ["*", "email.send", "payments.*", "a.b.c"]) expect(ZScopePattern.safeParse(ok).success).toBe(true);
    for (const bad of ["", "Email.send", "pay*", "*.send", "a..b", "a.*.b"]) expect(ZScopePattern.safeParse(bad).success).toBe(false);
  });
});

describe("API keys", () => {
  it("are random, parse back, and match only their own secret", () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).not.toBe(b.key);
    expect(a.key).toMatch(/^csk_[0-9a-f]{18}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseApiKey(a.key)!;
    expect(parsed.prefix).toBe(a.prefix);
    expect(secretMatches(parsed.secret, a.secretHash)).toBe(true);
    expect(secretMatches(parseApiKey(b.key)!.secret, a.secretHash)).toBe(false);
  });

  it("refuses malformed keys", () => {
    for (const bad of ["", "csk_", "csk_abc_def", "sk_" + "a".repeat(60), generateApiKey().key + "x"]) expect(parseApiKey(bad)).toBeNull();
  });
});
