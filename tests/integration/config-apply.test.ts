import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { applyConfig } from "@/lib/config/apply-config.ts";
import { AppError } from "@/lib/errors.ts";
import { db } from "@/lib/server/db.ts";

const CLI = { kind: "cli" } as const;

function doc(key: string, limit = 100) {
  return `
actionTypes:
  - key: ${key}
    name: Transfer
    riskLevel: high
    payloadSchema: { type: object, properties: { amount: { type: number } } }
policies:
  - action: ${key}
    rules:
      - name: small
        when: "payload.amount <= ${limit}"
        outcome: allow
      - name: rest
        outcome: review
`;
}

async function auditCount(key: string) {
  return db().auditEvent.count({ where: { subject: { in: [`action_type:${key}`, `policy:${key}`] } } });
}

describe("config:apply", () => {
  it("creates, then changes nothing on a second apply, then publishes a new version on a change", async () => {
    const key = `c${randomBytes(4).toString("hex")}.transfer`;
    const first = await applyConfig({ actor: CLI, source: doc(key) });
    expect(first).toEqual({ actionTypes: [{ key, change: "created" }], policies: [{ action: key, change: "created", version: 1 }] });
    const events = await auditCount(key);
    expect(events).toBe(2);

    const again = await applyConfig({ actor: CLI, source: doc(key) });
    expect(again).toEqual({ actionTypes: [{ key, change: "unchanged" }], policies: [{ action: key, change: "unchanged", version: 1 }] });
    expect(await auditCount(key)).toBe(events);

    const changed = await applyConfig({ actor: CLI, source: doc(key, 200) });
    expect(changed.policies[0]).toEqual({ action: key, change: "new_version", version: 2 });
    const versions = await db().policyVersion.findMany({ where: { policy: { actionType: { key } } }, orderBy: { version: "asc" } });
    expect(versions.map((v) => v.state)).toEqual(["superseded", "published"]);
  });

  it("changes nothing when any part of the document is invalid", async () => {
    const key = `c${randomBytes(4).toString("hex")}.transfer`;
    const broken = doc(key).replace('outcome: review', 'outcome: review\n        when: "payload.amount >"');
    const error = await applyConfig({ actor: CLI, source: broken }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("validation_error");
    expect(error.details[0].path).toBe("policies[0].rules[1].when");
    expect(await db().actionType.count({ where: { key } })).toBe(0);
  });

  it("takes JSON as well as YAML, and refuses non-admin users", async () => {
    const key = `c${randomBytes(4).toString("hex")}.transfer`;
    const json = JSON.stringify({ actionTypes: [{ key, name: "T", riskLevel: "low", payloadSchema: { type: "object" } }] });
    expect((await applyConfig({ actor: CLI, source: json })).actionTypes[0]!.change).toBe("created");
    const reviewer = await db().user.create({ data: { email: `r-${key}@example.test`, name: "r", passwordHash: "x", role: "reviewer" } });
    const refused = await applyConfig({ actor: { kind: "user", userId: reviewer.id }, source: json }).catch((e) => e);
    expect(refused.code).toBe("forbidden");
  });
});
