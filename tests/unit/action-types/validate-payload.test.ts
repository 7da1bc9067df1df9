import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { compilePayloadSchema } from "@/lib/domain/action-types/json-schema.ts";
import { validatePayload } from "@/lib/domain/action-types/validate-payload.ts";
import { AppError } from "@/lib/kernel/errors.ts";

const TRANSFER = {
  type: "object",
  required: ["amount", "currency", "to"],
  additionalProperties: false,
  properties: {
    amount: { type: "number", exclusiveMinimum: 0 },
    currency: { type: "string", enum: ["USD", "EUR"] },
    to: { type: "string" },
    email: { type: "string", format: "email" },
  },
};

function actionType(payloadSchema: unknown) {
  return { id: randomUUID(), updatedAt: new Date(), payloadSchema };
}

function failures(type: ReturnType<typeof actionType>, payload: unknown): { path: string; message: string }[] {
  try {
    validatePayload(type, payload);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("validation_error");
    expect((e as AppError).message).toBe("payload does not match the action type's schema");
    return (e as AppError).details as { path: string; message: string }[];
  }
  return [];
}

describe("validatePayload", () => {
  const transfer = actionType(TRANSFER);

  it("accepts a payload that matches", () => {
    expect(failures(transfer, { amount: 5, currency: "USD", to: "acct_1" })).toEqual([]);
  });

  it("reports every problem, each with a JSON pointer", () => {
    const found = failures(transfer, { amount: -1, currency: "GBP", extra: true, email: "not-an-email" });
    expect(found).toEqual(
      expect.arrayContaining([
        { path: "/amount", message: "must be > 0" },
        { path: "/currency", message: "must be equal to one of the allowed values" },
        { path: "/to", message: "must have required property 'to'" },
        { path: "/extra", message: "must NOT have additional properties" },
        { path: "/email", message: 'must match format "email"' },
      ]),
    );
  });

  it("points at the payload root for a wrong top-level type, and escapes pointer characters", () => {
    expect(failures(transfer, [1])).toEqual([{ path: "/", message: "must be object" }]);
    const strict = actionType({ type: "object", additionalProperties: false });
    expect(failures(strict, { "a/b~c": 1 })).toEqual([{ path: "/a~1b~0c", message: "must NOT have additional properties" }]);
  });

  it("uses the schema of the action type's current version", () => {
    const t = actionType({ type: "object", properties: { n: { type: "number" } } });
    expect(failures(t, { n: "x" })).toHaveLength(1);
    const updated = {
      ...t,
      updatedAt: new Date(t.updatedAt.getTime() + 1000),
      payloadSchema: { type: "object", properties: { n: { type: "string" } } },
    };
    expect(failures(updated, { n: "x" })).toEqual([]);
  });

  it("keeps action types apart even when their schemas share an $id", () => {
    const a = actionType({ $id: "https://example.test/shared", type: "object", properties: { a: {} }, required: ["a"] });
    const b = actionType({ $id: "https://example.test/shared", type: "object", properties: { b: {} }, required: ["b"] });
    expect(failures(a, { a: 1 })).toEqual([]);
    expect(failures(b, { b: 1 })).toEqual([]);
    expect(failures(b, { a: 1 })).toEqual([{ path: "/b", message: "must have required property 'b'" }]);
    // A new version of a schema with an $id compiles again without "already exists".
    expect(failures({ ...a, updatedAt: new Date(a.updatedAt.getTime() + 1) }, {})).toHaveLength(1);
  });
});

describe("compilePayloadSchema", () => {
  it.each([
    [
      "a remote $ref (nothing is fetched)",
      { type: "object", properties: { a: { $ref: "https://example.com/schema.json" } } },
      /can't resolve reference/,
    ],
    ["another schema's $id", { $ref: "https://example.test/shared" }, /can't resolve reference/],
    ["an older draft", { $schema: "http://json-schema.org/draft-07/schema#", type: "object" }, /no schema with key or ref/],
    ["an unknown keyword (strict)", { type: "object", maxProperty: 3 }, /unknown keyword/],
    ["a wrong type name", { type: "banana" }, /must be equal to one of the allowed values/],
    ["an unknown format", { type: "string", format: "postcode" }, /unknown format/],
    [
      "a required property that is not defined (strict)",
      { type: "object", properties: {}, required: ["a"] },
      /required property "a" is not defined/,
    ],
    ["not an object", ["type", "object"], /must be a JSON object/],
  ])("refuses %s", (_title, schema, message) => {
    expect(() => compilePayloadSchema(schema)).toThrow(message);
  });

  it("accepts local references, $defs and 2020-12 keywords", () => {
    const validate = compilePayloadSchema({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      $defs: { money: { type: "number", minimum: 0 } },
      properties: {
        amount: { $ref: "#/$defs/money" },
        lines: { type: "array", prefixItems: [{ type: "string" }], items: false, minItems: 1 },
      },
    });
    expect(validate({ amount: 1, lines: ["x"] })).toBe(true);
    expect(validate({ amount: -1 })).toBe(false);
    expect(validate({ lines: ["x", "y"] })).toBe(false);
  });
});
