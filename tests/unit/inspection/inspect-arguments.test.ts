import { describe, expect, it } from "vitest";
import { guardDecision } from "@/lib/domain/inspection/guard-decision.ts";
import { inspectArguments, OVERSIZED_CHARS, type Detector } from "@/lib/domain/inspection/inspect-arguments.ts";
import { RISK_FLAGS, riskScore } from "@/lib/domain/inspection/risk-flags.ts";
import type { PolicyDecision } from "@/lib/domain/policies/evaluate-policy.ts";

describe("inspectArguments", () => {
  it("reads every string of the payload, keys included, and the summary, and says where", () => {
    const r = inspectArguments({
      payload: { sql: "DROP TABLE users", nested: [{ "../../etc/passwd": 1 }], n: 5 },
      summary: "see http://169.254.169.254/",
    });
    expect(r.flags).toEqual(["path.traversal", "sql.destructive", "url.private_address"]);
    expect(r.findings).toEqual(
      expect.arrayContaining([
        { flag: "sql.destructive", path: "/payload/sql" },
        { flag: "path.traversal", path: "/payload/nested/0/..~1..~1etc~1passwd" },
        { flag: "url.private_address", path: "/summary" },
      ]),
    );
    expect(r.score).toBe(
      Math.min(100, RISK_FLAGS["sql.destructive"].weight + RISK_FLAGS["path.traversal"].weight + RISK_FLAGS["url.private_address"].weight),
    );
  });

  it("flags oversized strings and a clean payload raises nothing", () => {
    expect(inspectArguments({ payload: { body: "x".repeat(OVERSIZED_CHARS + 1) } }).flags).toEqual(["text.oversized"]);
    expect(inspectArguments({ payload: { amount: 5, to: "acct_1", memo: "Invoice INV-1" }, summary: "Pay invoice" })).toEqual({
      flags: [],
      score: 0,
      findings: [],
    });
  });

  it("stops at the scan budget and says the inspection is incomplete", () => {
    const r = inspectArguments({ payload: { a: "x".repeat(600), b: "'; DROP TABLE t; --" } }, { maxScannedChars: 500 });
    expect(r.flags).toEqual(["inspection.incomplete"]);
  });

  it("turns a failing detector into inspection.incomplete instead of an error", () => {
    const broken: Detector = {
      flag: "sql.injection",
      test: () => {
        throw new Error("boom");
      },
    };
    expect(inspectArguments({ payload: { q: "hello" } }, { detectors: [broken] }).flags).toEqual(["inspection.incomplete"]);
  });

  it("scores from the catalogue, capped at 100", () => {
    expect(riskScore(["sql.destructive", "sql.injection"])).toBe(100);
    expect(riskScore(["text.oversized", "not.a.flag"])).toBe(RISK_FLAGS["text.oversized"].weight);
  });
});

describe("guardDecision", () => {
  const allow: PolicyDecision = {
    outcome: "allow",
    policyVersionId: "v",
    ruleId: "r",
    ruleName: "small",
    reason: 'rule "small" matched',
    requiredApprovals: 0,
    approvingGroups: [],
    ownerMayApprove: false,
    timeoutSeconds: null,
    onTimeout: "reject",
  };
  const none = { flags: [], autoRejectFlags: [], overBudget: null };

  it("leaves a clean decision alone and never turns anything into allow", () => {
    expect(guardDecision(allow, none)).toBe(allow);
    const review = { ...allow, outcome: "review" as const, requiredApprovals: 2 };
    expect(guardDecision(review, { ...none, flags: ["inspection.incomplete"] })).toBe(review);
  });

  it("rejects on a flag the action type auto-rejects, whatever the policy said", () => {
    const d = guardDecision(allow, { ...none, flags: ["sql.destructive"], autoRejectFlags: ["sql.destructive"] });
    expect(d).toMatchObject({ outcome: "deny", reason: expect.stringContaining("sql.destructive") });
  });

  it("turns allow into review over budget, or rejects when the budget says so", () => {
    const over = { onExceed: "review" as const, spent: "90", limit: "100", amount: "20" };
    expect(guardDecision(allow, { ...none, flags: ["budget.exceeded"], overBudget: over })).toMatchObject({
      outcome: "review",
      requiredApprovals: 1,
      approvingGroups: [],
      ruleName: "small",
    });
    expect(guardDecision(allow, { ...none, flags: ["budget.exceeded"], overBudget: { ...over, onExceed: "reject" } })).toMatchObject({
      outcome: "deny",
    });
  });

  it("turns allow into review when the inspection is incomplete", () => {
    expect(guardDecision(allow, { ...none, flags: ["inspection.incomplete"] })).toMatchObject({
      outcome: "review",
      reason: expect.stringContaining("inspection incomplete"),
    });
  });
});
