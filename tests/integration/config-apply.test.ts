import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { applyConfig } from "@/lib/domain/config/apply-config.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";

const CLI = { kind: "cli" } as const;

/** A unique action key per test: tests share one database and run in parallel. */
const newKey = () => `t${randomBytes(5).toString("hex")}.transfer`;

function doc(key: string, options: { limit?: number; name?: string; approvals?: number } = {}) {
  return {
    actionTypes: [
      {
        key,
        name: options.name ?? "Transfer money",
        riskLevel: "high",
        allowEdit: true,
        sensitiveFields: ["/to"],
        payloadSchema: {
          type: "object",
          required: ["amount", "to"],
          additionalProperties: false,
          properties: { amount: { type: "number", exclusiveMinimum: 0 }, to: { type: "string" } },
        },
      },
    ],
    policies: [
      {
        action: key,
        rules: [
          { name: "small", when: `payload.amount <= ${options.limit ?? 100}`, outcome: "allow" },
          {
            name: "large",
            when: "payload.amount > 1000",
            outcome: "review",
            approvals: options.approvals ?? 2,
            groups: ["finance"],
            timeoutSeconds: 7200,
          },
          { name: "otherwise", outcome: "review" },
        ],
      },
    ],
  };
}

const yaml = (value: unknown) => YAML.stringify(value);

/** The events about this action type as written (the sealer's chain columns fill in later, at any moment). */
async function auditEvents(key: string) {
  return db().auditEvent.findMany({
    where: { subject: { in: [`action_type:${key}`, `policy:${key}`] } },
    orderBy: { id: "asc" },
    select: { id: true, type: true, actorType: true, actorId: true, subject: true, data: true, occurredAt: true },
  });
}

async function versions(key: string) {
  return db().policyVersion.findMany({
    where: { policy: { actionType: { key } } },
    orderBy: { version: "asc" },
    include: { rules: { orderBy: { position: "asc" } }, publishedOf: true },
  });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("config:apply", () => {
  it("creates action types and publishes version 1, audited", async () => {
    const key = newKey();
    const result = await applyConfig({ actor: CLI, source: yaml(doc(key)) });
    expect(result).toEqual({ actionTypes: [{ key, change: "created" }], policies: [{ action: key, change: "created", version: 1 }] });

    const type = await db().actionType.findUniqueOrThrow({ where: { key } });
    expect(type).toMatchObject({ name: "Transfer money", riskLevel: "high", allowEdit: true, sensitiveFields: ["/to"], description: null });
    expect(type.payloadSchema).toEqual(doc(key).actionTypes[0]!.payloadSchema);

    const [v1] = await versions(key);
    expect(v1).toMatchObject({ version: 1, state: "published", publishedOf: { actionTypeId: type.id } });
    expect(v1!.publishedAt).toBeInstanceOf(Date);
    expect(v1!.rules.map((r) => [r.position, r.name, r.when, r.outcome, r.approvals])).toEqual([
      [0, "small", "payload.amount <= 100", "allow", 0],
      [1, "large", "payload.amount > 1000", "review", 2],
      [2, "otherwise", null, "review", 1],
    ]);
    expect(v1!.rules[1]).toMatchObject({
      groups: ["finance"],
      timeoutSeconds: 7200,
      onTimeout: "reject",
      ownerMayApprove: false,
      rejectNeedsComment: true,
    });

    const events = await auditEvents(key);
    expect(events.map((e) => [e.type, e.actorType])).toEqual([
      ["action_type.created", "cli"],
      ["policy.published", "cli"],
    ]);
    expect(events[1]!.data).toMatchObject({ action: key, version: 1, rulesHash: v1!.rulesHash });
  });

  it("changes nothing, and audits nothing, when the same file is applied again — in YAML or JSON", async () => {
    const key = newKey();
    await applyConfig({ actor: CLI, source: yaml(doc(key)) });
    const before = await auditEvents(key);
    const unchanged = { actionTypes: [{ key, change: "unchanged" }], policies: [{ action: key, change: "unchanged", version: 1 }] };
    expect(await applyConfig({ actor: CLI, source: yaml(doc(key)) })).toEqual(unchanged);
    expect(await applyConfig({ actor: CLI, source: JSON.stringify(doc(key)) })).toEqual(unchanged);
    expect(await applyConfig({ actor: CLI, source: JSON.stringify(doc(key), null, 2), format: "json" })).toEqual(unchanged);
    // Compared by id: the sealer may chain the events meanwhile (seq, hash), which is no change.
    expect((await auditEvents(key)).map((e) => e.id)).toEqual(before.map((e) => e.id));
    expect(await versions(key)).toHaveLength(1);
  });

  it("publishes version 2 when one rule changes, and supersedes version 1", async () => {
    const key = newKey();
    await applyConfig({ actor: CLI, source: yaml(doc(key)) });
    const changed = await applyConfig({ actor: CLI, source: yaml(doc(key, { limit: 200 })) });
    expect(changed).toEqual({
      actionTypes: [{ key, change: "unchanged" }],
      policies: [{ action: key, change: "new_version", version: 2 }],
    });

    const [v1, v2] = await versions(key);
    expect([v1!.state, v2!.state]).toEqual(["superseded", "published"]);
    expect(v1!.publishedOf).toBeNull();
    expect(v2!.publishedOf).not.toBeNull();
    expect(v2!.rules[0]!.when).toBe("payload.amount <= 200");
    expect(v1!.rules[0]!.when).toBe("payload.amount <= 100");
    expect(v2!.rulesHash).not.toBe(v1!.rulesHash);

    const events = await auditEvents(key);
    expect(events.map((e) => e.type)).toEqual(["action_type.created", "policy.published", "policy.published"]);
    expect(events[2]!.data).toMatchObject({ action: key, version: 2, rulesHash: v2!.rulesHash });

    // Going back to the first rules is a new version too: history is never rewritten.
    expect((await applyConfig({ actor: CLI, source: yaml(doc(key)) })).policies[0]).toEqual({
      action: key,
      change: "new_version",
      version: 3,
    });
    expect((await versions(key)).map((v) => v.state)).toEqual(["superseded", "superseded", "published"]);
  });

  it("updates an action type whose fields changed, and leaves its policy alone", async () => {
    const key = newKey();
    await applyConfig({ actor: CLI, source: yaml(doc(key)) });
    const { updatedAt } = await db().actionType.findUniqueOrThrow({ where: { key } });
    const result = await applyConfig({ actor: CLI, source: yaml(doc(key, { name: "Wire transfer" })) });
    expect(result).toEqual({ actionTypes: [{ key, change: "updated" }], policies: [{ action: key, change: "unchanged", version: 1 }] });
    const type = await db().actionType.findUniqueOrThrow({ where: { key } });
    expect(type.name).toBe("Wire transfer");
    expect(type.updatedAt.getTime()).toBeGreaterThan(updatedAt.getTime() - 1);
    const events = await auditEvents(key);
    expect(events.at(-1)).toMatchObject({ type: "action_type.updated", data: expect.objectContaining({ key, name: "Wire transfer" }) });
  });

  it("accepts a policy for an action type that is already in the database", async () => {
    const key = newKey();
    await applyConfig({ actor: CLI, source: yaml({ actionTypes: doc(key).actionTypes }) });
    const result = await applyConfig({ actor: CLI, source: JSON.stringify({ policies: doc(key).policies }) });
    expect(result).toEqual({ actionTypes: [], policies: [{ action: key, change: "created", version: 1 }] });
  });

  it("changes nothing when any part of a new file is invalid", async () => {
    const key = newKey();
    const broken = doc(key);
    broken.policies[0]!.rules[2]!.when = "payload.amount >";
    const error = await failure(applyConfig({ actor: CLI, source: yaml(broken) }));
    expect(error.code).toBe("validation_error");
    expect(error.details).toEqual([{ path: "policies[0].rules[2].when", message: expect.stringContaining("Unexpected token") }]);
    expect(await db().actionType.count({ where: { key } })).toBe(0);
    expect(await auditEvents(key)).toEqual([]);
  });

  it("changes nothing when an update is valid in part: no partial apply", async () => {
    const key = newKey();
    await applyConfig({ actor: CLI, source: yaml(doc(key)) });
    const before = {
      type: await db().actionType.findUniqueOrThrow({ where: { key } }),
      versions: await versions(key),
      events: await auditEvents(key),
    };

    const mixed = doc(key, { name: "Renamed", limit: 300 });
    mixed.policies[0]!.rules.push({ name: "otherwise", outcome: "deny" } as never);
    const error = await failure(applyConfig({ actor: CLI, source: yaml(mixed) }));
    expect(error.code).toBe("validation_error");
    expect(error.details).toEqual([{ path: "policies[0].rules[3].name", message: "duplicate rule name otherwise" }]);

    expect(await db().actionType.findUniqueOrThrow({ where: { key } })).toEqual(before.type);
    expect(await versions(key)).toEqual(before.versions);
    expect(await auditEvents(key)).toEqual(before.events);
  });

  it("lists every problem of a file at once", async () => {
    const key = newKey();
    const bad = doc(key) as { actionTypes: Record<string, unknown>[]; policies: { action: string; rules: Record<string, unknown>[] }[] };
    bad.actionTypes[0]!.key = "Not.Valid";
    bad.actionTypes[0]!.payloadSchema = { type: "object", properties: { a: { $ref: "https://example.com/remote.json" } } };
    bad.policies[0]!.rules[0]!.when = "payload.amount > 'x' +";
    bad.policies[0]!.rules[0]!.approvals = 2;
    bad.policies.push({ action: `${key}.unknown`, rules: [{ name: "r", outcome: "review" }] });
    const error = await failure(applyConfig({ actor: CLI, source: JSON.stringify(bad) }));
    expect((error.details as { path: string }[]).map((p) => p.path).sort()).toEqual(
      [
        "actionTypes[0].key",
        "actionTypes[0].payloadSchema",
        "policies[0].action",
        "policies[0].rules[0].approvals",
        "policies[0].rules[0].when",
        "policies[1].action",
      ].sort(),
    );
  });

  it("refuses what does not parse, and JSON that is not JSON", async () => {
    expect((await failure(applyConfig({ actor: CLI, source: "actionTypes: [" }))).code).toBe("validation_error");
    expect((await failure(applyConfig({ actor: CLI, source: yaml(doc(newKey())), format: "json" }))).message).toMatch(/not valid json/);
  });

  it("refuses users who are not admins", async () => {
    const key = newKey();
    const reviewer = await db().user.create({ data: { email: `r-${key}@example.test`, name: "r", passwordHash: "x", role: "reviewer" } });
    const refused = await failure(applyConfig({ actor: { kind: "user", userId: reviewer.id }, source: yaml(doc(key)) }));
    expect(refused.code).toBe("forbidden");
    expect(await db().actionType.count({ where: { key } })).toBe(0);
  });

  it("applies the same new file from several places at once: one creation, one version", async () => {
    const key = newKey();
    const results = await Promise.all(Array.from({ length: 6 }, () => applyConfig({ actor: CLI, source: yaml(doc(key)) })));
    expect(results.filter((r) => r.actionTypes[0]!.change === "created")).toHaveLength(1);
    expect(results.filter((r) => r.policies[0]!.change === "created")).toHaveLength(1);
    expect(results.every((r) => r.policies[0]!.version === 1)).toBe(true);
    expect(await versions(key)).toHaveLength(1);
    expect((await auditEvents(key)).map((e) => e.type)).toEqual(["action_type.created", "policy.published"]);
  });
});
