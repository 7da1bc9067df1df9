import { randomBytes } from "node:crypto";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { applyConfig } from "@/lib/domain/config/apply-config.ts";
import { exportConfig } from "@/lib/domain/config/export-config.ts";
import { comparePolicyRules } from "@/lib/domain/policies/compare-policy-versions.ts";
import { dryRunPolicy } from "@/lib/domain/policies/dry-run-policy.ts";
import { listPolicyVersions } from "@/lib/domain/policies/list-policy-versions.ts";
import { restorePolicyVersion } from "@/lib/domain/policies/restore-policy-version.ts";
import { db } from "@/lib/platform/db.ts";
import { createTestAgent } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";

const CLI = { kind: "cli" } as const;

function config(key: string, limit: number) {
  return JSON.stringify({
    actionTypes: [{ key, name: "Pay", riskLevel: "high", payloadSchema: { type: "object", properties: { amount: { type: "number" } } } }],
    policies: [
      {
        action: key,
        rules: [
          { name: "small", when: `payload.amount <= ${limit}`, outcome: "allow" },
          { name: "rest", outcome: "review" },
        ],
      },
    ],
  });
}

describe("policy versions", () => {
  it("records the deciding version on each request, compares versions and restores an old one as a new version", async () => {
    const key = `v${randomBytes(4).toString("hex")}.pay`;
    await applyConfig({ actor: CLI, source: config(key, 100) });
    const agent = await createTestAgent({ scopes: [key] });
    const api = agentApi(agent.apiKey);
    const v1 = await api.submit({ action: key, payload: { amount: 150 } });
    expect(v1.body.status).toBe("pending");

    await applyConfig({ actor: CLI, source: config(key, 200) });
    const v2 = await api.submit({ action: key, payload: { amount: 150 } });
    expect(v2.body.status).toBe("approved");

    const rows = await db().approvalRequest.findMany({
      where: { id: { in: [v1.body.id, v2.body.id] } },
      include: { policyVersion: true, rule: true },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(v1.body.id)!.policyVersion!.version).toBe(1);
    expect(byId.get(v1.body.id)!.rule!.name).toBe("rest");
    expect(byId.get(v2.body.id)!.policyVersion!.version).toBe(2);
    expect(byId.get(v2.body.id)!.rule!.name).toBe("small");

    const versions = await listPolicyVersions({ actor: CLI, action: key });
    expect(versions.map((v) => [v.version, v.state, v.requests])).toEqual([
      [2, "published", 1],
      [1, "superseded", 1],
    ]);
    expect(comparePolicyRules(versions[1]!.rules, versions[0]!.rules)).toEqual([{ change: "changed", name: "small", fields: ["when"] }]);

    const restored = await restorePolicyVersion({ actor: CLI, action: key, version: 1 });
    expect(restored).toEqual({ change: "new_version", version: 3, restoredFrom: 1 });
    const v3 = await api.submit({ action: key, payload: { amount: 150 } });
    expect(v3.body.status).toBe("pending");
    expect((await listPolicyVersions({ actor: CLI, action: key }))[0]).toMatchObject({
      version: 3,
      state: "published",
      comment: "restored from version 1",
    });
  });

  it("dry-runs a draft against a sample and replays it against recent requests", async () => {
    const key = `d${randomBytes(4).toString("hex")}.pay`;
    await applyConfig({ actor: CLI, source: config(key, 100) });
    const api = agentApi((await createTestAgent({ scopes: [key] })).apiKey);
    for (const amount of [50, 150, 500]) await api.submit({ action: key, payload: { amount } });

    const draft = [
      { name: "tiny", when: "payload.amount <= 10", outcome: "allow" },
      { name: "huge", when: "payload.amount > 400", outcome: "deny" },
      { name: "rest", outcome: "review" },
    ];
    const result = await dryRunPolicy({ actor: CLI, action: key, rules: draft, sample: { payload: { amount: 1000 } }, replay: 10 });
    expect(result.sample).toEqual({ outcome: "deny", rule: "huge", reason: 'rule "huge" matched' });
    expect(result.replay!.checked).toBe(3);
    expect(result.replay!.changed.map((c) => [c.before, c.after])).toEqual(
      expect.arrayContaining([
        ["allow", "review"],
        ["review", "deny"],
      ]),
    );
    expect(result.replay!.changed).toHaveLength(2);

    const bad = await dryRunPolicy({ actor: CLI, action: key, rules: [{ name: "x", when: "payload.amount >", outcome: "allow" }] }).catch(
      (e) => e,
    );
    expect(bad.code).toBe("validation_error");
    const published = await dryRunPolicy({ actor: CLI, action: key, sample: { payload: { amount: 5 } } });
    expect(published.sample!.rule).toBe("small");
  });

  it("exports the configuration in the format config:apply takes; applying the export changes nothing", async () => {
    const key = `e${randomBytes(4).toString("hex")}.pay`;
    await applyConfig({ actor: CLI, source: config(key, 100) });
    const exported = await exportConfig({ actor: CLI, format: "yaml" });
    const doc = YAML.parse(exported);
    expect(doc.policies.find((p: { action: string }) => p.action === key).rules).toEqual([
      { name: "small", when: "payload.amount <= 100", outcome: "allow" },
      { name: "rest", outcome: "review" },
    ]);
    // Re-apply only our part: other tests change their own action types concurrently.
    const ours = {
      actionTypes: doc.actionTypes.filter((t: { key: string }) => t.key === key),
      policies: doc.policies.filter((p: { action: string }) => p.action === key),
    };
    const reapplied = await applyConfig({ actor: CLI, source: YAML.stringify(ours) });
    expect(reapplied).toEqual({
      actionTypes: [{ key, change: "unchanged" }],
      policies: [{ action: key, change: "unchanged", version: 1 }],
    });
  });
});
