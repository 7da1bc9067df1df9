import { describe, expect, it } from "vitest";
import type { CelActivation } from "@/lib/domain/policies/cel-environment.ts";
import { compileCondition } from "@/lib/domain/policies/compile-condition.ts";
import { matchRules } from "@/lib/domain/policies/match-rules.ts";
import { DeadlineExceeded, runWithDeadline } from "@/lib/domain/policies/run-with-deadline.ts";

const base: CelActivation = {
  payload: { amount: 500, currency: "USD", to: "acct_123", items: [1, 2, 3], nested: { ok: true }, note: null },
  agent: { id: "a1", name: "billing-bot", tags: ["prod", "finance"], owner: "ana@example.com" },
  risk: { flags: [], score: 0 },
  request: { summary: "Pay INV-1", context: { runId: "r1" } },
  now: new Date("2026-11-24T19:30:00Z"),
};

function rule(name: string, when: string | null) {
  if (when === null) return { name, condition: null };
  const compiled = compileCondition(when);
  // With its cost class, as evaluatePolicy passes it: only conditions of unknown cost get the 50 ms
  // deadline (a timezone lookup under a loaded CPU can take longer the first time).
  return compiled.ok
    ? { name, condition: compiled.program, linear: compiled.linear }
    : { name, condition: null, compileError: compiled.error };
}

function outcome(when: string, activation: Partial<CelActivation> = {}): "match" | "no_match" | "error" {
  const result = matchRules([rule("r", when)], { ...base, ...activation });
  return result.kind === "matched" ? "match" : result.kind;
}

// [condition, expected, activation override]
const CASES: [string, "match" | "no_match" | "error", Partial<CelActivation>?][] = [
  ["payload.amount <= 100", "no_match"],
  ["payload.amount > 100", "match"],
  ["payload.amount == 500", "match"],
  ["payload.amount != 500", "no_match"],
  ["payload.amount >= 500", "match"],
  ["payload.amount < 500.5", "match"],
  ["payload.amount > 1000 || payload.currency == 'USD'", "match"],
  ["payload.amount > 1000 && payload.currency == 'USD'", "no_match"],
  ["!(payload.amount > 1000)", "match"],
  ["payload.currency in ['USD', 'EUR']", "match"],
  ["payload.currency in ['GBP']", "no_match"],
  ["payload.to.startsWith('acct_')", "match"],
  ["payload.to.endsWith('999')", "no_match"],
  ["payload.to.contains('123')", "match"],
  ["payload.to.matches('^acct_[0-9]+$')", "match"],
  ["size(payload.items) == 3", "match"],
  ["payload.items.exists(i, i > 2)", "match"],
  ["payload.items.all(i, i > 2)", "no_match"],
  ["payload.nested.ok", "match"],
  ["payload.note == null", "match"],
  ["has(payload.memo)", "no_match"],
  ["has(payload.amount)", "match"],
  ["has(payload.memo) && payload.memo == 'x'", "no_match"],
  ["'prod' in agent.tags", "match"],
  ["'staging' in agent.tags", "no_match"],
  ["agent.name == 'billing-bot'", "match"],
  ["agent.owner == 'ana@example.com'", "match"],
  ["agent.owner == null", "match", { agent: { ...base.agent, owner: null } }],
  ["size(risk.flags) == 0", "match"],
  ["'sql.destructive' in risk.flags", "match", { risk: { flags: ["sql.destructive"], score: 80 } }],
  ["risk.score >= 50", "match", { risk: { flags: [], score: 60 } }],
  ["request.summary.startsWith('Pay')", "match"],
  ["now.getHours() >= 18", "match"],
  ["now.getHours() < 9", "no_match"],
  ["now.getDayOfWeek() == 2", "match"],
  ["now > timestamp('2026-01-01T00:00:00Z')", "match"],
  ["now < timestamp('2026-01-01T00:00:00Z')", "no_match"],
  ["now.getHours('Asia/Tokyo') == 4", "match"],
  // Errors fail closed: the caller turns them into review.
  ["payload.memo == 'x'", "error"],
  ["payload.amount + 1 > 10", "error"],
  ["payload.amount / 0 > 1", "error"],
  ["payload.to > 5", "error"],
  ["payload.items[10] == 1", "error"],
  ["payload.nested.missing.deeper", "error"],
  ["payload.amount", "error"],
  ["payload.to", "error"],
];

describe("policy conditions", () => {
  it.each(CASES)("%s → %s", (when, expected, activation) => {
    expect(outcome(when, activation)).toBe(expected);
  });

  it("has at least 40 cases", () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it("picks the first matching rule, in order", () => {
    const rules = [rule("small", "payload.amount <= 100"), rule("large", "payload.amount > 100"), rule("catch-all", null)];
    const result = matchRules(rules, base);
    expect(result).toMatchObject({ kind: "matched", rule: { name: "large" } });
  });

  it("a rule without a condition matches everything", () => {
    expect(matchRules([rule("all", null)], base)).toMatchObject({ kind: "matched", rule: { name: "all" } });
  });

  it("reports no match when no rule matches", () => {
    expect(matchRules([rule("a", "payload.amount < 0")], base)).toEqual({ kind: "no_match" });
    expect(matchRules([], base)).toEqual({ kind: "no_match" });
  });

  it("stops at an error instead of falling through to a later, more lenient rule", () => {
    const rules = [rule("strict", "payload.memo == 'x'"), rule("allow-all", null)];
    const result = matchRules(rules, base);
    expect(result.kind).toBe("error");
    if (result.kind === "error") {
      expect(result.rule.name).toBe("strict");
      expect(result.error).toMatch(/memo/);
    }
  });

  // The error becomes the policy reason, stored in plaintext and shown to reviewers: it may name
  // what the condition says (a field), never a value from the payload (a sensitive field, maybe).
  it.each([
    ['{"acct_1": true}[payload.to]', "No such key"],
    ["payload[payload.to] == 1", "No such key"],
    ["payload.items[payload.amount] == 1", "No such key: index out of bounds"],
    ["duration(payload.to) > duration('1s')", "Invalid duration string"],
  ])("keeps payload values out of the error of %s", (when, message) => {
    const result = matchRules([rule("r", when)], { ...base, payload: { ...(base.payload as object), to: "CANARY-7f3a" } });
    expect(result).toMatchObject({ kind: "error", error: `evaluation error: ${message}` });
  });

  it("treats a stored condition that no longer compiles as an error", () => {
    const result = matchRules([{ name: "broken", condition: null, compileError: "Unexpected token" }, rule("x", null)], base);
    expect(result).toMatchObject({ kind: "error", rule: { name: "broken" } });
  });
});

describe("compiling conditions", () => {
  it("accepts boolean conditions, and list macros side by side", () => {
    expect(compileCondition("payload.amount > 5").ok).toBe(true);
    expect(compileCondition("payload.items.all(a, a > 0) && payload.items.exists(b, b > 2)").ok).toBe(true);
  });
  it.each([
    ["payload.amount >", /./],
    ["1 + 2", /boolean/],
    ["'text'", /boolean/],
    ["unknown_var == 1", /unknown_var|Unknown|undeclared/i],
    ["x".repeat(5000), /longer than/],
    ["payload.items.all(a, payload.items.exists(b, b > a))", /inside another/],
    ["payload.to.matches('[a-')", /not a valid regular expression/],
  ])("refuses %s with a message", (expr, message) => {
    const result = compileCondition(expr);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe("the cost class of a condition", () => {
  it.each([
    ["payload.amount > 5 && payload.to.contains('x')", true],
    ["payload.currency in ['USD'] && 'prod' in agent.tags && size(payload.to) < 10", true],
    ["payload.items.exists(i, i > 2)", false],
    ["payload.items.map(i, i * 2.0).size() > 1", false],
    ["payload.to.matches('^a+$')", false],
  ])("%s → linear: %s", (when, linear) => {
    const compiled = compileCondition(when);
    expect(compiled.ok && compiled.linear).toBe(linear);
  });
});

describe("runWithDeadline", () => {
  it("returns the result, and passes errors through", () => {
    expect(runWithDeadline(() => 42, 50)).toBe(42);
    expect(() =>
      runWithDeadline(() => {
        throw new RangeError("boom");
      }, 50),
    ).toThrow(RangeError);
  });

  it("cuts off a busy loop, even one that tries to catch the termination", () => {
    const started = Date.now();
    const spin = () => {
      for (;;) {
        try {
          while (Date.now() - started < 10_000);
        } catch {
          // a termination cannot be caught
        }
      }
    };
    expect(() => runWithDeadline(spin, 30)).toThrow(DeadlineExceeded);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(runWithDeadline(() => "still works", 30)).toBe("still works");
  });

  it("reports which rule ran out of time, and stops there", () => {
    const rules = [rule("fine", "payload.amount < 0"), rule("slow", "payload.to.matches('^(a+)+$')"), rule("all", null)];
    const result = matchRules(rules, { ...base, payload: { amount: 1, to: "a".repeat(40) + "!" } }, 30);
    expect(result).toMatchObject({ kind: "error", rule: { name: "slow" }, error: "evaluation timed out after 30 ms" });
  });
});
