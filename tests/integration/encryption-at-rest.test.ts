/* eslint-disable @typescript-eslint/no-explicit-any -- tests read loosely typed JSON bodies */
// Encryption at rest, checked the way an auditor would: pg_dump of the whole database holds no
// plaintext of a canary sensitive value, reasoning, context, edit or execution output — while
// the agent still reads them over the API and webhooks carry them redacted. Then the key is
// rotated and the re-encryption job moves everything to the new key. The stack runs on a
// PostgreSQL from the machine's packages, whose pg_dump matches the server.
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyRingEntry } from "@/lib/platform/crypto/key-ring.ts";
import { openRequestContent } from "@/lib/domain/requests/sealed-request.ts";
import { startDebianPostgres } from "../support/debian-postgres.ts";
import { agentApi } from "../support/http.ts";
import { startIsolatedStack, type IsolatedStack } from "../support/isolated-stack.ts";
import { decide, signIn } from "../support/reviewer-session.ts";
import { runAdmin } from "../support/run-admin.ts";
import { eventually, startReceiver } from "../support/webhook-receiver.ts";

const K1 = generateKeyRingEntry("k1");
const K2 = generateKeyRingEntry("k2");
const CANARIES = [
  "CANARY-TO-7f3a",
  "CANARY-CARD-91b2",
  "CANARY-REASONING-55c1",
  "CANARY-CONTEXT-0d9e",
  "CANARY-EDIT-2b7c",
  "CANARY-OUTPUT-a4e8",
  "CANARY-ERROR-c3d1",
];

let pg: Awaited<ReturnType<typeof startDebianPostgres>>;
let stack: IsolatedStack;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let api: ReturnType<typeof agentApi>;
let cookie: string;

beforeAll(async () => {
  pg = await startDebianPostgres("canary");
  receiver = await startReceiver([200]);
  stack = await startIsolatedStack("canary", { OUTBOUND_ALLOW_CIDRS: "127.0.0.1/32", ENCRYPTION_KEYS: K1 }, { adminDatabaseUrl: pg.url });
  writeFileSync(
    "test-results/canary-config.json",
    JSON.stringify({
      actionTypes: [
        {
          key: "vault.pay",
          name: "Pay by card",
          riskLevel: "high",
          allowEdit: true,
          sensitiveFields: ["/to", "/card/number"],
          payloadSchema: { type: "object" },
        },
      ],
      // The first rule fails on every request ("No such key"): the request goes to review, and the
      // error, stored as the policy reason, must not carry the sensitive value it looked up.
      policies: [
        {
          action: "vault.pay",
          rules: [
            { name: "known-payee", when: '{"acct_known": true}[payload.to]', outcome: "allow" },
            { name: "review", outcome: "review" },
          ],
        },
      ],
    }),
  );
  expect((await stack.admin(["config:apply", "--file", "test-results/canary-config.json"])).code).toBe(0);
  expect(
    (await stack.admin(["user:create", "--email", "canary-reviewer@example.test", "--password", "canary-password-1", "--role", "reviewer"]))
      .code,
  ).toBe(0);
  const agent = await stack.admin(["agent:create", "--name", "canary-agent", "--scopes", "vault.*"]);
  api = agentApi(agent.json.apiKey, stack.appUrl);
  expect((await stack.admin(["agent:webhook:set", "--agent", agent.json.agentId, "--url", receiver.url])).code).toBe(0);
  cookie = await signIn("canary-reviewer@example.test", "canary-password-1", stack.appUrl);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
  await pg?.stop();
});

const databaseUrl = () => stack.env.DATABASE_URL!;

describe("encryption at rest", () => {
  it("leaves no plaintext of sensitive values, reasoning, context, edits or output in pg_dump; the agent reads them, webhooks redact them", async () => {
    const payload = { amount: 5, to: "CANARY-TO-7f3a", card: { number: "CANARY-CARD-91b2", exp: "12/30" }, memo: "visible memo 4c1d" };
    const submitted = await api.submit(
      { action: "vault.pay", payload, reasoning: "CANARY-REASONING-55c1", context: { note: "CANARY-CONTEXT-0d9e" } },
      { "idempotency-key": "canary-1" },
    );
    expect(submitted.status).toBe(201);
    expect(submitted.body.payload).toEqual(payload);
    const [reason] = await stack.query<{ policyReason: string }>(`SELECT "policyReason" FROM approval_requests WHERE id = $1`, [
      submitted.body.id,
    ]);
    expect(reason!.policyReason).toBe('rule "known-payee": evaluation error: No such key');
    const edited = { ...payload, to: "CANARY-EDIT-2b7c" };
    const approved = await decide(
      cookie,
      submitted.body.id,
      { outcome: "approve", payload: edited, payloadHash: submitted.body.payloadHash },
      {},
      stack.appUrl,
    );
    expect(approved.status).toBe(200);
    expect(
      (
        await api.result(submitted.body.id, {
          status: "succeeded",
          output: { receipt: "CANARY-OUTPUT-a4e8" },
          receipt: approved.body.receipt,
        })
      ).status,
    ).toBe(200);
    // A memo that looks sealed under a key no ring holds: agent text, which re-encryption must not
    // count as stale on every run (the old key could never be retired).
    const second = await api.submit({
      action: "vault.pay",
      payload: { amount: 1, to: "CANARY-TO-7f3a", memo: "enc1.k0.AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBB" },
    });
    const secondApproved = await decide(
      cookie,
      second.body.id,
      { outcome: "approve", payloadHash: second.body.payloadHash },
      {},
      stack.appUrl,
    );
    expect(
      (await api.result(second.body.id, { status: "failed", error: "CANARY-ERROR-c3d1", receipt: secondApproved.body.receipt })).status,
    ).toBe(200);

    // The agent reads everything back in plaintext with its key, replays included.
    const seen = await api.get(submitted.body.id);
    expect(seen.body).toMatchObject({ payload, approvedPayload: edited, execution: { output: { receipt: "CANARY-OUTPUT-a4e8" } } });
    const replay = await api.submit(
      { action: "vault.pay", payload, reasoning: "CANARY-REASONING-55c1", context: { note: "CANARY-CONTEXT-0d9e" } },
      { "idempotency-key": "canary-1" },
    );
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body.payload).toEqual(payload);

    // The webhook carries the decision with the sensitive values redacted.
    const hook = await eventually(
      async () => receiver.received.map((r) => JSON.parse(r.body)).find((b) => b.data.id === submitted.body.id),
      20_000,
      "webhook",
    );
    expect(hook.data.approvedPayload).toEqual({ ...edited, to: "[redacted]", card: { number: "[redacted]", exp: "12/30" } });
    expect(JSON.stringify(receiver.received.map((r) => r.body))).not.toMatch(/CANARY-(TO|CARD|EDIT)/);

    const dump = pg.dump(databaseUrl());
    expect(dump).toContain("visible memo 4c1d"); // the dump has the data…
    expect(dump).toContain("enc1.k1.");
    for (const canary of CANARIES) expect(dump, `${canary} in pg_dump`).not.toContain(canary); // …but none of it in plaintext
  }, 90_000);

  it("moves everything to a new key with the re-encryption job, after which the old key can leave the ring", async () => {
    const ring = `${K2},${K1}`;
    const run = await runAdmin(["encryption:reencrypt"], { DATABASE_URL: databaseUrl(), ENCRYPTION_KEYS: ring });
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ activeKeyId: "k2", webhookEndpoints: 1, receiptKeys: 1 });
    expect(run.json.requests).toBeGreaterThanOrEqual(2);
    const again = await runAdmin(["encryption:reencrypt"], { DATABASE_URL: databaseUrl(), ENCRYPTION_KEYS: ring });
    expect(again.json).toMatchObject({ requests: 0, webhookEndpoints: 0, groups: 0, receiptKeys: 0 });

    const dump = pg.dump(databaseUrl());
    expect(dump).not.toContain("enc1.k1.");
    expect(dump).toContain("enc1.k2.");
    for (const canary of CANARIES) expect(dump).not.toContain(canary);

    // With only the new key in the ring, everything still opens.
    const saved = process.env.ENCRYPTION_KEYS;
    process.env.ENCRYPTION_KEYS = K2;
    try {
      const rows = await stack.query<any>(`SELECT * FROM approval_requests ORDER BY "createdAt"`);
      const opened = rows.map((r) => openRequestContent(r));
      expect(opened[0]).toMatchObject({
        reasoning: "CANARY-REASONING-55c1",
        context: { note: "CANARY-CONTEXT-0d9e" },
        approvedPayload: { to: "CANARY-EDIT-2b7c", card: { number: "CANARY-CARD-91b2" } },
        executionOutput: { receipt: "CANARY-OUTPUT-a4e8" },
      });
      expect(opened[1]).toMatchObject({ executionError: "CANARY-ERROR-c3d1" });
    } finally {
      process.env.ENCRYPTION_KEYS = saved;
    }
    const audit = await stack.query<any>(`SELECT data FROM audit_events WHERE type = 'encryption.reencrypted' ORDER BY id`);
    expect(audit[0].data).toMatchObject({ activeKeyId: "k2" });
  }, 60_000);
});
