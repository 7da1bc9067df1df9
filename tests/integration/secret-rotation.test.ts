/* eslint-disable @typescript-eslint/no-explicit-any -- tests read loosely typed JSON bodies */
// Rotating the secrets that live in the environment (docs/SECRETS.md): a new active encryption key
// and a new session secret, set on restarted processes, each get their audit event; sessions signed
// with the previous secret keep working while NEXTAUTH_SECRET_PREVIOUS names it, and not after.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyRingEntry } from "@/lib/platform/crypto/key-ring.ts";
import { call } from "../support/http.ts";
import { startIsolatedStack, type IsolatedStack } from "../support/isolated-stack.ts";
import { signIn } from "../support/reviewer-session.ts";
import { eventually } from "../support/webhook-receiver.ts";

const K1 = generateKeyRingEntry("r1");
const K2 = generateKeyRingEntry("r2");
const S1 = randomBytes(32).toString("base64url");
const S2 = randomBytes(32).toString("base64url");

let stack: IsolatedStack;

beforeAll(async () => {
  stack = await startIsolatedStack("rotation", { ENCRYPTION_KEYS: K1, NEXTAUTH_SECRET: S1 });
  expect(
    (
      await stack.admin([
        "user:create",
        "--email",
        "rotation-reviewer@example.test",
        "--password",
        "rotation-password-1",
        "--role",
        "reviewer",
      ])
    ).code,
  ).toBe(0);
  // The first worker has recorded the secrets in force (no event: nothing rotated yet).
  await eventually(
    async () => (await stack.query(`SELECT 1 FROM system_facts WHERE key = 'session.secretFingerprint'`)).length > 0,
    20_000,
    "facts recorded",
  );
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const rotations = () =>
  stack.query<any>(
    `SELECT type, "actorType", "actorId", data FROM audit_events WHERE type IN ('encryption.key_rotated', 'session.secret_rotated') ORDER BY id`,
  );

describe("secrets rotated in the environment", () => {
  it("audits a new encryption key and session secret; old sessions last exactly as long as the previous secret is named", async () => {
    const cookie = await signIn("rotation-reviewer@example.test", "rotation-password-1", stack.appUrl);
    expect(await rotations()).toEqual([]);

    expect(await stack.stopWorkers()).toEqual([0]);
    const rotated = { ENCRYPTION_KEYS: `${K2},${K1}`, NEXTAUTH_SECRET: S2, NEXTAUTH_SECRET_PREVIOUS: S1 };
    stack.startWorker(rotated);
    const events = await eventually(async () => ((await rotations()).length === 2 ? rotations() : null), 30_000, "rotation events");
    expect(events).toEqual([
      { type: "encryption.key_rotated", actorType: "system", actorId: "configuration", data: { from: "r1", to: "r2" } },
      { type: "session.secret_rotated", actorType: "system", actorId: "configuration", data: { previousSecretAccepted: true } },
    ]);
    // Neither secret is in the trail.
    expect(JSON.stringify(events)).not.toContain(S1);
    expect(JSON.stringify(events)).not.toContain(S2);

    // A web process with the new secret still accepts the session signed with the previous one…
    const during = await stack.startAnotherWeb(rotated);
    expect((await call("GET", "/api/inbox/counts", { baseUrl: during, headers: { cookie } })).status).toBe(200);
    // …and once the previous secret is dropped, that session is over.
    const after = await stack.startAnotherWeb({ ENCRYPTION_KEYS: `${K2},${K1}`, NEXTAUTH_SECRET: S2 });
    expect((await call("GET", "/api/inbox/counts", { baseUrl: after, headers: { cookie } })).status).toBe(401);
    expect(
      (
        await call("GET", "/api/inbox/counts", {
          baseUrl: after,
          headers: { cookie: await signIn("rotation-reviewer@example.test", "rotation-password-1", after) },
        })
      ).status,
    ).toBe(200);
  }, 120_000);
});
