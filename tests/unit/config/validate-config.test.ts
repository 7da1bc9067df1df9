import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/kernel/errors.ts";
import { parseConfigSource, validateConfig } from "@/lib/domain/config/validate-config.ts";

const valid = {
  actionTypes: [
    {
      key: "payments.transfer",
      name: "Transfer",
      riskLevel: "high",
      payloadSchema: { type: "object", properties: { amount: { type: "number" } } },
    },
  ],
  policies: [
    {
      action: "payments.transfer",
      rules: [
        { name: "small", when: "payload.amount <= 100", outcome: "allow" },
        { name: "rest", outcome: "review", approvals: 2 },
      ],
    },
  ],
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

    expect(problems({ policies: [{ action: "nope.x", rules: [{ name: "r", outcome: "review" }] }] })[0]!.message).toMatch(
      /unknown action type/,
    );
    expect(problems({ policies: [{ action: "known.x", rules: [{ name: "r", outcome: "review" }] }] }, ["known.x"])).toEqual([]);

    const badSchema = structuredClone(valid);
    (badSchema.actionTypes[0]!.payloadSchema as Record<string, unknown>).type = "banana";
    expect(problems(badSchema)[0]!.path).toBe("actionTypes[0].payloadSchema");

    expect(problems({ ...valid, extra: 1 })[0]!.message).toMatch(/extra|Unrecognized/i);
  });
});

describe("validateConfig: each problem, with its path and a useful message", () => {
  type Doc = typeof valid & Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const edit = (change: (doc: any) => void): Doc => {
    const doc = structuredClone(valid) as Doc;
    change(doc);
    return doc;
  };

  it.each([
    ["an upper-case key", edit((d) => (d.actionTypes[0].key = "Payments.Transfer")), "actionTypes[0].key", /lowercase and dot-separated/],
    ["a key without a dot", edit((d) => (d.actionTypes[0].key = "transfer")), "actionTypes[0].key", /dot-separated/],
    [
      "an unknown risk level",
      edit((d) => (d.actionTypes[0].riskLevel = "extreme")),
      "actionTypes[0].riskLevel",
      /low|medium|high|critical/,
    ],
    [
      "a sensitive field that is no JSON pointer",
      edit((d) => (d.actionTypes[0].sensitiveFields = ["to"])),
      "actionTypes[0].sensitiveFields[0]",
      /JSON pointer/,
    ],
    [
      "a budget field that is sensitive",
      edit((d) => Object.assign(d.actionTypes[0], { sensitiveFields: ["/amount"], budgetField: "/amount" })),
      "actionTypes[0].budgetField",
      /sensitive field/,
    ],
    [
      "a budget field inside a sensitive one",
      edit((d) => Object.assign(d.actionTypes[0], { sensitiveFields: ["/card"], budgetField: "/card/limit" })),
      "actionTypes[0].budgetField",
      /sensitive field/,
    ],
    ["an unknown field on an action type", edit((d) => (d.actionTypes[0].colour = "red")), "actionTypes[0]", /colour/],
    ["an unknown field on a rule", edit((d) => (d.policies[0].rules[0].approvers = 2)), "policies[0].rules[0]", /approvers/],
    ["an unknown top-level field", edit((d) => (d.version = 2)), "", /version/],
    [
      "a CEL syntax error, pointing at it",
      edit((d) => (d.policies[0].rules[0].when = "payload.amount <=")),
      "policies[0].rules[0].when",
      /Unexpected token: EOF[\s\S]*\^/,
    ],
    [
      "an undeclared CEL variable",
      edit((d) => (d.policies[0].rules[0].when = "amount > 100")),
      "policies[0].rules[0].when",
      /Unknown variable: amount/,
    ],
    [
      "a condition that is not boolean",
      edit((d) => (d.policies[0].rules[0].when = "size(payload.to) + 1")),
      "policies[0].rules[0].when",
      /must be a boolean, but it is int/,
    ],
    [
      "an invalid regular expression in a condition",
      edit((d) => (d.policies[0].rules[0].when = "payload.to.matches('(')")),
      "policies[0].rules[0].when",
      /not a valid regular expression/,
    ],
    [
      "a payload schema with a remote $ref",
      edit((d) => (d.actionTypes[0].payloadSchema = { $ref: "https://example.com/s.json" })),
      "actionTypes[0].payloadSchema",
      /not a valid JSON Schema: can't resolve reference/,
    ],
    [
      "a payload schema with an unknown keyword",
      edit((d) => (d.actionTypes[0].payloadSchema.minimun = 1)),
      "actionTypes[0].payloadSchema",
      /unknown keyword: "minimun"/,
    ],
    [
      "a payload schema with a YAML .inf",
      edit((d) => (d.actionTypes[0].payloadSchema.maxProperties = Infinity)),
      "actionTypes[0].payloadSchema.maxProperties",
      /./,
    ],
    [
      "duplicate rule names",
      edit((d) => (d.policies[0].rules[1].name = "small")),
      "policies[0].rules[1].name",
      /duplicate rule name small/,
    ],
    [
      "a policy for an unknown action type",
      edit((d) => (d.policies[0].action = "payments.refund")),
      "policies[0].action",
      /unknown action type payments.refund/,
    ],
    [
      "two policies for one action type",
      edit((d) => d.policies.push(structuredClone(d.policies[0]))),
      "policies[1].action",
      /second policy/,
    ],
    [
      "two action types with one key",
      edit((d) => d.actionTypes.push(structuredClone(d.actionTypes[0]))),
      "actionTypes[1].key",
      /duplicate action type/,
    ],
    [
      "approvals on an allow rule",
      edit((d) => (d.policies[0].rules[0].approvals = 2)),
      "policies[0].rules[0].approvals",
      /only a review rule/,
    ],
    ["zero approvals", edit((d) => (d.policies[0].rules[1].approvals = 0)), "policies[0].rules[1].approvals", /./],
    ["an unknown outcome", edit((d) => (d.policies[0].rules[0].outcome = "maybe")), "policies[0].rules[0].outcome", /allow|deny|review/],
    [
      "an unknown onTimeout",
      edit((d) => (d.policies[0].rules[1].onTimeout = "approve")),
      "policies[0].rules[1].onTimeout",
      /reject|escalate/,
    ],
    [
      "escalation without groups",
      edit((d) => (d.policies[0].rules[1].onTimeout = "escalate")),
      "policies[0].rules[1].escalateToGroups",
      /groups to escalate to/,
    ],
    ["a policy with no rules", edit((d) => (d.policies[0].rules = [])), "policies[0].rules", /./],
  ])("%s", (_title, doc, path, message) => {
    const found = problems(doc);
    const atPath = path === "" ? found : found.filter((p) => p.path === path);
    expect(atPath.length, JSON.stringify(found)).toBeGreaterThan(0);
    expect(atPath.map((p) => p.message).join("\n")).toMatch(message);
  });

  it("reports CEL and JSON Schema problems even when the document's shape is also wrong", () => {
    const doc = edit((d) => {
      d.actionTypes[0].riskLevel = "extreme";
      d.actionTypes[0].payloadSchema = { type: "banana" };
      d.policies[0].rules[0].when = "payload.amount >";
      d.policies[0].rules[1].name = "small";
    });
    expect(
      problems(doc)
        .map((p) => p.path)
        .sort(),
    ).toEqual(
      ["actionTypes[0].payloadSchema", "actionTypes[0].riskLevel", "policies[0].rules[0].when", "policies[0].rules[1].name"].sort(),
    );
  });

  it("says where a file does not parse", () => {
    try {
      parseConfigSource("actionTypes:\n  - key: a.b\n   name: x\n", "yaml");
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe("validation_error");
      expect((e as AppError).details).toEqual([{ path: "", message: expect.stringMatching(/not valid yaml.*line 3/is) }]);
    }
  });

  it("refuses YAML alias bombs", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from({ length: 8 }, (_, i) => `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(10).fill(`*${"abcdefgh"[i]}`).join(", ")}]`),
    ].join("\n");
    expect(() => parseConfigSource(bomb, "yaml")).toThrow(/alias/i);
  });
});
