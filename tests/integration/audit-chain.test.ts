import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestActionType, createTestAgent } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";
import { runAdmin } from "../support/run-admin.ts";
import { withScratchDatabase } from "../support/scratch-database.ts";
import { db } from "@/lib/platform/db.ts";

describe("audit trail", () => {
  it("records every state change and the worker chains it within seconds", async () => {
    const { key } = await createTestActionType({});
    const agent = await createTestAgent({ scopes: [key] });
    const api = agentApi(agent.apiKey);
    const created = await api.submit({ action: key, payload: { a: 1 } });
    await api.cancel(created.body.id);
    const subject = `request:${created.body.id}`;
    const deadline = Date.now() + 10_000;
    let events = await db().auditEvent.findMany({ where: { subject }, orderBy: { id: "asc" } });
    while (events.some((e) => e.seq === null) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      events = await db().auditEvent.findMany({ where: { subject }, orderBy: { id: "asc" } });
    }
    expect(events.map((e) => e.type)).toEqual(["request.created", "request.cancelled"]);
    expect(events.every((e) => e.seq !== null && /^[0-9a-f]{64}$/.test(e.hash ?? ""))).toBe(true);
    expect(events[1]!.seq! > events[0]!.seq!).toBe(true);
  });

  it("audit:verify passes on an intact chain and names the first altered or deleted event", async () => {
    await withScratchDatabase(async (url) => {
      const env = { DATABASE_URL: url };
      expect(
        (await runAdmin(["user:create", "--email", "a@example.test", "--password", "correct horse battery", "--role", "admin"], env)).code,
      ).toBe(0);
      const agent = await runAdmin(["agent:create", "--name", "tamper-test", "--scopes", "*"], env);
      expect(agent.code).toBe(0);
      expect((await runAdmin(["agent:pause", "--agent", agent.json.agentId], env)).code).toBe(0);

      const intact = await runAdmin(["audit:verify"], env);
      expect(intact.code).toBe(0);
      expect(intact.json).toMatchObject({ ok: true });
      expect(intact.json.events).toBeGreaterThanOrEqual(3);

      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT id FROM audit_events WHERE seq = 2`);
        const alteredId = String(rows[0].id);
        await client.query(`UPDATE audit_events SET data = data || '{"scopes":["*","extra"]}'::jsonb WHERE seq = 2`);
        const altered = await runAdmin(["audit:verify"], env);
        expect(altered.code).toBe(1);
        expect(altered.stderr).toContain(alteredId);
        expect(altered.stderr).toMatch(/altered/);

        await client.query(`DELETE FROM audit_events WHERE seq = 2`);
        const deleted = await runAdmin(["audit:verify"], env);
        expect(deleted.code).toBe(1);
        expect(deleted.stderr).toMatch(/seq 2 is missing/);
      } finally {
        await client.end();
      }
    });
  }, 90_000); // six CLI processes, each a few seconds on a loaded 2-core machine
});
