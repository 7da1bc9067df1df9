import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { createTestActionType, createTestAgent } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";
import { runAdmin } from "../support/run-admin.ts";
import { eventually, startReceiver } from "../support/webhook-receiver.ts";
import { db } from "@/lib/platform/db.ts";
import { redeliverWebhook } from "@/lib/domain/webhooks/redeliver-webhook.ts";
import { removeWebhookEndpoint } from "@/lib/domain/webhooks/remove-webhook-endpoint.ts";
import { rotateWebhookSecret } from "@/lib/domain/webhooks/rotate-webhook-secret.ts";
import { setWebhookEndpoint } from "@/lib/domain/webhooks/set-webhook-endpoint.ts";

const CLI = { kind: "cli" } as const;

/** An agent whose requests are allowed at once by policy, with its webhook pointed at `url`. */
async function agentWithWebhook(url: string) {
  const { key } = await createTestActionType({ rules: [{ name: "allow", outcome: "allow" }] });
  const agent = await createTestAgent({ scopes: [key] });
  const { secret, endpointId } = await setWebhookEndpoint({ actor: CLI, agentId: agent.agentId, input: { url } });
  return { key, agent, secret: secret!, endpointId, api: agentApi(agent.apiKey) };
}

const deliveries = (endpointId: string) =>
  db().webhookDelivery.findMany({ where: { endpointId }, include: { attemptLog: { orderBy: { attempt: "asc" } } } });

describe("webhooks to agents", () => {
  it("delivers a decision signed per Standard Webhooks, verifiable with the standardwebhooks package", async () => {
    const receiver = await startReceiver();
    try {
      const { key, secret, api, endpointId } = await agentWithWebhook(receiver.url);
      const created = await api.submit({ action: key, payload: { n: 1 } });
      expect(created.body.status).toBe("approved");
      const [got] = await receiver.until((r) => r.length >= 1);
      const event = new Webhook(secret).verify(got!.body, got!.headers) as {
        type: string;
        data: { id: string; status: string; approvedPayload: unknown };
      };
      expect(event.type).toBe("request.approved");
      expect(event.data).toMatchObject({ id: created.body.id, status: "approved", approvedPayload: { n: 1 } });
      const [delivery] = await eventually(async () => {
        const list = await deliveries(endpointId);
        return list[0]?.state === "delivered" ? list : null;
      });
      expect(got!.headers["webhook-id"]).toBe(delivery!.id);
      expect(delivery!.attemptLog).toHaveLength(1);
      expect(delivery!.attemptLog[0]!.status).toBe(200);
      // A signature made with any other secret does not verify.
      expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`).verify(got!.body, got!.headers)).toThrow();
    } finally {
      await receiver.close();
    }
  });

  it("signs with both secrets during a rotation", async () => {
    const receiver = await startReceiver();
    try {
      const { key, secret: oldSecret, api, agent } = await agentWithWebhook(receiver.url);
      const { secret: newSecret } = await rotateWebhookSecret({ actor: CLI, agentId: agent.agentId, graceSeconds: 600 });
      await api.submit({ action: key, payload: { n: 2 } });
      const [got] = await receiver.until((r) => r.length >= 1);
      expect(got!.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
      expect(() => new Webhook(oldSecret).verify(got!.body, got!.headers)).not.toThrow();
      expect(() => new Webhook(newSecret).verify(got!.body, got!.headers)).not.toThrow();
      expect(await db().auditEvent.count({ where: { subject: `agent:${agent.agentId}`, type: "webhook.secret_rotated" } })).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it("retries failed attempts with backoff until the receiver accepts, logging each attempt", async () => {
    const receiver = await startReceiver([500, 503, 200]);
    try {
      const { key, api, endpointId } = await agentWithWebhook(receiver.url);
      await api.submit({ action: key, payload: { n: 3 } });
      const [delivery] = await eventually(async () => {
        const list = await deliveries(endpointId);
        return list[0]?.state === "delivered" ? list : null;
      });
      expect(delivery!.attemptLog.map((a) => a.status)).toEqual([500, 503, 200]);
      expect(delivery!.attemptLog[0]!.error).toBe("HTTP 500");
      // The same webhook-id on every attempt, so the receiver can deduplicate.
      expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
      // Backoff: attempts are spread out, not fired back to back.
      const gaps = receiver.received.slice(1).map((r, i) => r.at - receiver.received[i]!.at);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200);
    } finally {
      await receiver.close();
    }
  });

  it("gives up when the retry schedule is exhausted", async () => {
    const receiver = await startReceiver([500]);
    try {
      const { key, api, endpointId } = await agentWithWebhook(receiver.url);
      await api.submit({ action: key, payload: { n: 4 } });
      const [delivery] = await eventually(async () => {
        const list = await deliveries(endpointId);
        return list[0]?.state === "failed" ? list : null;
      });
      // 1 attempt + 3 retries (the test schedule "300ms,500ms,500ms").
      expect(delivery!.attemptLog).toHaveLength(4);
      expect(receiver.received).toHaveLength(4);
    } finally {
      await receiver.close();
    }
  });

  it("logs an attempt it cannot prepare (the secret's key left the ring) and gives up on schedule", async () => {
    const receiver = await startReceiver([200]);
    try {
      const { key, api, endpointId } = await agentWithWebhook(receiver.url);
      // Sealed under a key id no ring holds, as after removing a key too early.
      await db().webhookEndpoint.update({
        where: { id: endpointId },
        data: { secret: "enc1.gone.AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBB" },
      });
      await api.submit({ action: key, payload: { n: 5 } });
      const [delivery] = await eventually(async () => {
        const list = await deliveries(endpointId);
        return list[0]?.state === "failed" ? list : null;
      });
      expect(delivery!.attemptLog).toHaveLength(4);
      expect(delivery!.attemptLog[0]!.error).toMatch(/^not sent: .*gone/);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it("disables the endpoint on 410 Gone and sends it nothing more", async () => {
    const receiver = await startReceiver([410]);
    try {
      const { key, api, endpointId, agent } = await agentWithWebhook(receiver.url);
      await api.submit({ action: key, payload: { n: 5 } });
      const endpoint = await eventually(async () => {
        const e = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
        return e.disabledAt ? e : null;
      });
      expect(endpoint.disabledReason).toMatch(/410/);
      expect((await deliveries(endpointId))[0]!.state).toBe("failed");
      expect(await db().auditEvent.count({ where: { subject: `agent:${agent.agentId}`, type: "webhook.disabled" } })).toBe(1);
      await api.submit({ action: key, payload: { n: 6 } });
      await new Promise((r) => setTimeout(r, 1500));
      expect(receiver.received).toHaveLength(1);
      expect(await deliveries(endpointId)).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it("redelivers on request with the same webhook-id", async () => {
    const receiver = await startReceiver();
    try {
      const { key, api, endpointId } = await agentWithWebhook(receiver.url);
      await api.submit({ action: key, payload: { n: 7 } });
      await receiver.until((r) => r.length === 1);
      const [delivery] = await eventually(async () => {
        const list = await deliveries(endpointId);
        return list[0]?.state === "delivered" ? list : null;
      });
      await redeliverWebhook({ actor: CLI, deliveryId: delivery!.id });
      await receiver.until((r) => r.length === 2);
      expect(receiver.received[1]!.headers["webhook-id"]).toBe(delivery!.id);
      const after = await eventually(async () => {
        const d = await db().webhookDelivery.findUniqueOrThrow({ where: { id: delivery!.id } });
        return d.state === "delivered" && d.attempts === 2 ? d : null;
      });
      expect(after.attempts).toBe(2);
    } finally {
      await receiver.close();
    }
  });

  it("redacts the execution output and error when a delivery goes out after the agent reported its result", async () => {
    const receiver = await startReceiver();
    try {
      const { key, api, endpointId } = await agentWithWebhook(receiver.url);
      const created = await api.submit({ action: key, payload: { n: 8 } });
      await receiver.until((r) => r.length === 1);
      const reported = await api.result(created.body.id, {
        status: "failed",
        output: { log: "secret-output-91c2" },
        error: "secret-error-4be7",
        receipt: created.body.receipt,
      });
      expect(reported.status).toBe(200);
      const [delivery] = await eventually(async () => {
        const list = await deliveries(endpointId);
        return list[0]?.state === "delivered" ? list : null;
      });
      await redeliverWebhook({ actor: CLI, deliveryId: delivery!.id });
      const [, again] = await receiver.until((r) => r.length === 2);
      expect(JSON.parse(again!.body).data.execution).toMatchObject({ status: "failed", output: "[redacted]", error: "[redacted]" });
      expect(again!.body).not.toMatch(/secret-(output|error)/);
    } finally {
      await receiver.close();
    }
  });
});

describe("SSRF guard at registration", () => {
  it.each([
    ["loopback outside the allow-list", "http://127.0.0.2:8080/hook"],
    ["IPv6 loopback", "http://[::1]:8080/hook"],
    ["10/8", "http://10.1.2.3/hook"],
    ["192.168/16", "https://192.168.1.10/hook"],
    ["cloud metadata", "http://169.254.169.254/latest/meta-data/"],
    ["IPv4-mapped IPv6 loopback", "http://[::ffff:127.0.0.1]:8080/hook"],
    ["unspecified", "http://0.0.0.0:8080/hook"],
    ["not http", "file:///etc/passwd"],
    ["credentials in the URL", "https://user:pw@example.com/hook"],
  ])("refuses %s", async (_, url) => {
    const agent = await createTestAgent();
    await expect(setWebhookEndpoint({ actor: CLI, agentId: agent.agentId, input: { url } })).rejects.toMatchObject({
      code: "validation_error",
    });
    expect(await db().webhookEndpoint.count({ where: { agentId: agent.agentId } })).toBe(0);
  });

  it("lets an allow-listed receiver through (OUTBOUND_ALLOW_CIDRS=127.0.0.1/32 in the test stack)", async () => {
    const agent = await createTestAgent();
    const result = await setWebhookEndpoint({ actor: CLI, agentId: agent.agentId, input: { url: "http://127.0.0.1:9/hook" } });
    expect(result.secret).toMatch(/^whsec_/);
  });

  it("stores the signing secret encrypted", async () => {
    const agent = await createTestAgent();
    const { secret } = await setWebhookEndpoint({ actor: CLI, agentId: agent.agentId, input: { url: "http://127.0.0.1:9/hook" } });
    const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { agentId: agent.agentId } });
    expect(row.secret).toMatch(/^enc1\./);
    expect(row.secret).not.toContain(secret!.slice(6, 20));
  });
});

describe("removing an agent's webhook endpoint", () => {
  it(
    "the CLI removes it, audited; later decisions are not pushed; a malformed or foreign id is not_found",
    { timeout: 120_000 },
    async () => {
      const receiver = await startReceiver();
      try {
        const { key, agent, api, endpointId } = await agentWithWebhook(receiver.url);
        expect((await api.submit({ action: key, payload: { n: 1 } })).body.status).toBe("approved");
        await receiver.until((r) => r.length >= 1);
        const removed = await runAdmin(["agent:webhook:remove", "--agent", agent.agentId]);
        expect(removed.code, removed.stderr).toBe(0);
        expect(removed.json).toEqual({ removed: true });
        expect(await db().webhookEndpoint.findUnique({ where: { id: endpointId } })).toBeNull();
        const audit = await db().auditEvent.findFirst({ where: { type: "webhook.removed", subject: `agent:${agent.agentId}` } });
        expect(audit?.data).toMatchObject({ url: receiver.url, deliveries: 1 });
        expect((await api.submit({ action: key, payload: { n: 2 } })).body.status).toBe("approved");
        await new Promise((r) => setTimeout(r, 1500));
        expect(receiver.received).toHaveLength(1);
        // Nothing left to remove; ids that are not an agent's.
        expect((await runAdmin(["agent:webhook:remove", "--agent", agent.agentId])).code).not.toBe(0);
        await expect(removeWebhookEndpoint({ actor: CLI, agentId: "not-a-uuid" })).rejects.toMatchObject({ code: "not_found" });
      } finally {
        await receiver.close();
      }
    },
  );
});
