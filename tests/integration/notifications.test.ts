// Reviewer notifications on a private stack with a real SMTP server (smtp-server) and a real
// Slack-compatible receiver, so that the mail and chat traffic is this file's alone.
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/programs/launcher/free-port.ts";
import { agentApi } from "../support/http.ts";
import { startIsolatedStack, type IsolatedStack } from "../support/isolated-stack.ts";
import { startSmtpSink } from "../support/smtp-sink.ts";
import { eventually, startReceiver } from "../support/webhook-receiver.ts";

let stack: IsolatedStack;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let chat: Awaited<ReturnType<typeof startReceiver>>;
let api: ReturnType<typeof agentApi>;
const inGroup = { email: "finance-reviewer@example.test", id: "" };
const outsider = { email: "other-reviewer@example.test", id: "" };

const HOSTILE_SUMMARY = "URGENT <b>verify your account</b> at http://evil.example/login";

beforeAll(async () => {
  const smtpPort = await freePort(0);
  smtp = await startSmtpSink(smtpPort);
  chat = await startReceiver([200]);
  stack = await startIsolatedStack("notify", {
    OUTBOUND_ALLOW_CIDRS: "127.0.0.1/32",
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    SMTP_FROM: "Countersign <countersign@example.test>",
  });
  const config = {
    actionTypes: [{ key: "notify.pay", name: "Pay a supplier", riskLevel: "high", payloadSchema: { type: "object" } }],
    policies: [{ action: "notify.pay", rules: [{ name: "finance", outcome: "review", groups: ["finance"] }] }],
  };
  writeFileSync("test-results/notify-config.json", JSON.stringify(config));
  expect((await stack.admin(["config:apply", "--file", "test-results/notify-config.json"])).code).toBe(0);
  inGroup.id = (
    await stack.admin([
      "user:create",
      "--email",
      inGroup.email,
      "--password",
      "notify-password-1",
      "--role",
      "reviewer",
      "--group",
      "finance",
    ])
  ).json.id;
  outsider.id = (
    await stack.admin(["user:create", "--email", outsider.email, "--password", "notify-password-2", "--role", "reviewer", "--group", "ops"])
  ).json.id;
  expect((await stack.admin(["group:chat", "--group", "finance", "--url", chat.url])).code).toBe(0);
  const agent = await stack.admin(["agent:create", "--name", "notify-agent", "--scopes", "notify.*"]);
  api = agentApi(agent.json.apiKey, stack.appUrl);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await smtp?.close();
  await chat?.close();
});

describe("reviewer notifications", () => {
  it("emails the approving group's reviewers a deep link, with nothing the agent wrote", async () => {
    const created = await api.submit({ action: "notify.pay", payload: { amount: 10 }, summary: HOSTILE_SUMMARY });
    expect(created.status).toBe(201);
    const mail = await eventually(async () => smtp.mails.find((m) => m.text.includes(created.body.id)), 15_000, "email");
    expect(mail.to).toEqual([inGroup.email]);
    expect(mail.subject).toBe("Pay a supplier from notify-agent waits for your review");
    expect(mail.text).toContain(`Review it: ${stack.appUrl}/requests/${created.body.id}`);
    expect(mail.text).not.toMatch(/evil\.example|verify your account/);
    expect(mail.html).toBe(false);
    // Nobody outside the approving group hears of it.
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.mails.filter((m) => m.to.includes(outsider.email))).toEqual([]);
  });

  it("posts a Slack-compatible message to the approving group's chat webhook", async () => {
    const created = await api.submit({ action: "notify.pay", payload: { amount: 20 }, summary: HOSTILE_SUMMARY });
    const [message] = await chat.until((r) => r.some((m) => m.body.includes(created.body.id)));
    const body = JSON.parse(chat.received.find((m) => m.body.includes(created.body.id))!.body);
    expect(message).toBeDefined();
    expect(body.text).toContain(`<${stack.appUrl}/requests/${created.body.id}|Review it in Countersign>`);
    expect(body.text).not.toMatch(/evil\.example/);
  });

  it("adds an in-app notification for each reviewer who may decide, and only them", async () => {
    const created = await api.submit({ action: "notify.pay", payload: { amount: 30 } });
    const rows = await eventually(
      async () => {
        const r = await stack.query<{ userId: string; kind: string }>(`SELECT "userId", kind FROM notifications WHERE "requestId" = $1`, [
          created.body.id,
        ]);
        return r.length ? r : null;
      },
      10_000,
      "notification rows",
    );
    expect(rows).toEqual([{ userId: inGroup.id, kind: "request.pending" }]);
  });

  it("stores the chat webhook URL encrypted", async () => {
    const [row] = await stack.query<{ chatWebhookUrl: string }>(`SELECT "chatWebhookUrl" FROM groups WHERE name = 'finance'`);
    expect(row!.chatWebhookUrl).toMatch(/^enc1\./);
    expect(row!.chatWebhookUrl).not.toContain("127.0.0.1");
  });
});
