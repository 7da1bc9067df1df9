import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { agentApi } from "../support/http.ts";
import { runAdmin } from "../support/run-admin.ts";

const unique = () => randomBytes(4).toString("hex");

describe("admin CLI", () => {
  it("creates users and agents whose keys work, pauses, resumes and rotates keys with a grace period", async () => {
    const email = `cli-${unique()}@example.test`;
    const user = await runAdmin([
      "user:create",
      "--email",
      email,
      "--password",
      "a long enough password",
      "--role",
      "reviewer",
      "--group",
      "finance",
      "--group",
      "ops",
    ]);
    expect(user.code).toBe(0);
    expect(user.json).toMatchObject({ email, role: "reviewer", groups: ["finance", "ops"] });
    expect((await runAdmin(["user:create", "--email", email, "--password", "a long enough password", "--role", "reviewer"])).code).toBe(1);

    const action = `cli${unique()}.do`;
    const dir = mkdtempSync(path.join(tmpdir(), "cs-cli-"));
    const file = path.join(dir, "config.yaml");
    writeFileSync(
      file,
      `actionTypes:\n  - key: ${action}\n    name: Do\n    riskLevel: low\n    payloadSchema: { type: object }\npolicies:\n  - action: ${action}\n    rules:\n      - name: all\n        outcome: review\n`,
    );
    const applied = await runAdmin(["config:apply", "--file", file]);
    expect(applied.code).toBe(0);
    expect(applied.json).toEqual({
      actionTypes: [{ key: action, change: "created" }],
      policies: [{ action, change: "created", version: 1 }],
    });
    expect((await runAdmin(["config:apply", "--file", file])).json.policies[0].change).toBe("unchanged");

    const agent = await runAdmin([
      "agent:create",
      "--name",
      `cli-agent-${unique()}`,
      "--scopes",
      `${action.split(".")[0]}.*`,
      "--owner",
      email,
    ]);
    expect(agent.code).toBe(0);
    const { agentId, apiKey } = agent.json;
    expect(apiKey).toMatch(/^csk_/);
    expect((await agentApi(apiKey).submit({ action, payload: {} })).status).toBe(201);

    expect((await runAdmin(["agent:pause", "--agent", agentId])).code).toBe(0);
    expect((await agentApi(apiKey).submit({ action, payload: {} })).status).toBe(403);
    expect((await runAdmin(["agent:resume", "--agent", agentId])).code).toBe(0);
    expect((await agentApi(apiKey).submit({ action, payload: {} })).status).toBe(201);

    const rotated = await runAdmin(["agent:key:rotate", "--agent", agentId, "--grace-seconds", "3600"]);
    expect(rotated.code).toBe(0);
    expect((await agentApi(rotated.json.apiKey).list()).status).toBe(200);
    expect((await agentApi(apiKey).list()).status).toBe(200); // still inside the grace period
    const hard = await runAdmin(["agent:key:rotate", "--agent", agentId]);
    expect((await agentApi(hard.json.apiKey).list()).status).toBe(200);
    expect((await agentApi(apiKey).list()).status).toBe(401);
    expect((await agentApi(rotated.json.apiKey).list()).status).toBe(401);
  }, 90_000); // eight CLI processes in a row: each starts tsx, which takes seconds on a loaded 2-core machine

  it("answers usage errors with exit code 2 and a JSON error on stderr", async () => {
    const unknown = await runAdmin(["nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"code":"usage"');
    const missing = await runAdmin(["agent:pause"]);
    expect(missing.code).toBe(2);
    const badFlag = await runAdmin(["agent:pause", "--agnet", "x"]);
    expect(badFlag.code).toBe(2);
    const badRole = await runAdmin(["user:create", "--email", "x@example.test", "--password", "long enough password", "--role", "root"]);
    expect(badRole.code).toBe(2);
  });
});
