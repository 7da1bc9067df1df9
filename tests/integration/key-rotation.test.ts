// Rotation without downtime: an agent keeps submitting with its old key while an admin rotates
// it; during the grace period not one submission fails authentication, after it the old key is
// refused and the new one works.
import { describe, expect, it } from "vitest";
import { rotateAgentKey } from "@/lib/domain/agents/rotate-agent-key.ts";
import { db } from "@/lib/platform/db.ts";
import { createGuardedActionType, createTestAgent } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";
import { runAdmin } from "../support/run-admin.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Submits in a loop until `until()` says stop; returns every status seen, with when it was sent. */
async function keepSubmitting(
  api: ReturnType<typeof agentApi>,
  action: string,
  until: () => boolean,
): Promise<{ status: number; at: number }[]> {
  const seen: { status: number; at: number }[] = [];
  while (!until()) {
    const at = Date.now();
    seen.push({ status: (await api.submit({ action, payload: { n: seen.length } })).status, at });
  }
  return seen;
}

describe("agent key rotation", () => {
  it("has zero authentication failures during the grace period under continuous submissions, and refuses the old key after it", async () => {
    const { key } = await createGuardedActionType({ rules: [{ name: "all", outcome: "allow" }] });
    const agent = await createTestAgent({ scopes: [key] });
    const oldApi = agentApi(agent.apiKey);
    let graceEnds = Infinity;
    // Two loops with the old key, from before the rotation until shortly before the grace ends.
    const loops = [0, 1].map(() => keepSubmitting(oldApi, key, () => Date.now() > graceEnds - 1500));
    await sleep(500);
    const rotatedAt = Date.now();
    const { apiKey: newKey } = await rotateAgentKey({ actor: { kind: "cli" }, agentId: agent.agentId, graceSeconds: 8 });
    const oldKeyRow = await db().apiKey.findFirstOrThrow({ where: { agentId: agent.agentId, prefix: agent.apiKey.split("_")[1] } });
    graceEnds = oldKeyRow.expiresAt!.getTime();
    const newApi = agentApi(newKey);
    const withNewKey = await keepSubmitting(newApi, key, () => Date.now() > graceEnds - 1500);
    const withOldKey = (await Promise.all(loops)).flat();

    // Submissions with the old key before and after the rotation, and with the new one: all admitted.
    expect(withOldKey.filter((s) => s.at < rotatedAt).length).toBeGreaterThan(0);
    expect(withOldKey.filter((s) => s.at > rotatedAt).length).toBeGreaterThan(3);
    expect(withNewKey.length).toBeGreaterThan(3);
    expect(withOldKey.filter((s) => s.status !== 201)).toEqual([]);
    expect(withNewKey.filter((s) => s.status !== 201)).toEqual([]);
    console.log(
      `key rotation: ${withOldKey.length} submissions with the old key and ${withNewKey.length} with the new one during the grace period, 0 authentication failures`,
    );

    await sleep(Math.max(0, graceEnds - Date.now() + 300));
    const after = await oldApi.submit({ action: key, payload: { n: "late" } });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthorized");
    expect((await newApi.submit({ action: key, payload: { n: "new" } })).status).toBe(201);
    const audit = await db().auditEvent.findMany({ where: { subject: `agent:${agent.agentId}`, type: "api_key.rotated" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ graceSeconds: 8, previousKeys: 1 });
  }, 60_000);

  it("issues further keys that work side by side, with an expiry, and revokes one at once", async () => {
    const { key } = await createGuardedActionType({ rules: [{ name: "all", outcome: "allow" }] });
    const agent = await createTestAgent({ scopes: [key] });
    const second = await runAdmin(["agent:key:create", "--agent", agent.agentId, "--expires-in-seconds", "3600"]);
    expect(second.code).toBe(0);
    expect(Date.parse(second.json.expiresAt) - Date.now()).toBeGreaterThan(3500_000);
    for (const k of [agent.apiKey, second.json.apiKey]) expect((await agentApi(k).submit({ action: key, payload: {} })).status).toBe(201);
    expect((await runAdmin(["agent:key:revoke", "--agent", agent.agentId, "--prefix", second.json.prefix])).code).toBe(0);
    expect((await agentApi(second.json.apiKey).submit({ action: key, payload: {} })).status).toBe(401);
    expect((await agentApi(agent.apiKey).submit({ action: key, payload: {} })).status).toBe(201);
  });
});
