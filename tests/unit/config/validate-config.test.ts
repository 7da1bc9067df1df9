import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors.ts";
import { parseConfigSource, validateConfig } from "@/lib/config/validate-config.ts";

const valid = {
  actionTypes: [{ key: "payments.transfer", name: "Transfer", riskLevel: "high", payloadSchema: { type: "object", properties: { amount: { type: "number" } } } }],
  policies: [{ action: "payments.transfer", rules: [{ name: "small", when: "payload.amount <= 100", outcome: "allow" }, { name: "rest", outcome: "review", approvals: 2 }] }],
};

function problems(doc: unknown, known: string[] = []): { path: string; message: string }[] {
  try {
    validateConfig(doc, new Set(known));
  } catch (e) {
    if (e instanceof AppError) return e.details as { path: string; message: string }[];
    throw e;
  }
  return [];
}

describe("validateConfig", () => {
  it("accepts a valid document and fills defaults", () => {
    const doc = validateConfig(valid, new Set());
    expect(doc.actionTypes[0]!.allowEdit).toBe(false);
    expect(doc.policies[0]!.rules[1]!.onTimeout).toBe("reject");
  });

  it("reads YAML and JSON", () => {
    expect(parseConfigSource('{"actionTypes":[]}')).toEqual({ actionTypes: [] });
    expect(parseConfigSource("actionTypes: []\npolicies: []\n")).toEqual({ actionTypes: [], policies: [] });
    expect(() => parseConfigSource("{bad json", "json")).toThrow(AppError);
  });

  it("reports every problem with its path", () => {
    const doc = structuredClone(valid) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    doc.actionTypes[0].key = "Payments";
    doc.policies[0].rules[0].when = "payload.amount <=";
    doc.policies[0].rules[1].name = "small";
    doc.policies[0].rules.push({ name: "x", outcome: "allow", approvals: 2 });
    const found = problems(doc);
    expect(found.map((p) => p.path)).toContain("actionTypes[0].key");
    expect(found.map((p) => p.path)).toContain("policies[0].rules[2].approvals");
  });

  it("refuses bad CEL, duplicate rule names, unknown actions, bad JSON Schemas and unknown fields", () => {
    const badCel = structuredClone(valid);
    badCel.policies[0]!.rules[0]!.when = "payload.amount <=";
    expect(problems(badCel)[0]!.path).toBe("policies[0].rules[0].when");

    const dup = structuredClone(valid);
    dup.policies[0]!.rules[1]!.name = "small";
    expect(problems(dup)[0]!.message).toMatch(/duplicate rule name/);

    expect(problems({ policies: [{ action: "nope.x", rules: [{ name: "r", outcome: "review" }] }] })[0]!.message).toMatch(/unknown action type/);
    expect(problems({ policies: [{ action: "known.x", rules: [{ name: "r", outcome: "review" }] }] }, ["known.x"])).toEqual([]);

    const badSchema = structuredClone(valid);
    (badSchema.actionTypes[0]!.payloadSchema as Record<string, unknown>).type = "banana";
    expect(problems(badSchema)[0]!.path).toBe("actionTypes[0].payloadSchema");

    expect(problems({ ...valid, extra: 1 })[0]!.message).toMatch(/extra|Unrecognized/i);
  });
});
