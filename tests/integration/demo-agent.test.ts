import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { freePort } from "@/programs/launcher/free-port.ts";
import { setWebhookEndpoint } from "@/lib/domain/webhooks/set-webhook-endpoint.ts";
import { reviewSetup } from "../support/approvals.ts";
import { BASE_URL } from "../support/http.ts";
import { eventually } from "../support/webhook-receiver.ts";

/** `npm run demo:agent` (the node command behind it), its stdout collected line by line. */
function startDemoAgent(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--no-warnings", "--import", "tsx", "programs/demo-agent/main.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let partial = "";
  child.stdout.on("data", (d: Buffer) => {
    const parts = (partial + d.toString()).split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts);
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { child, lines, stderr: () => stderr, exited };
}

/**
 * One held payment (task #3) among a stream of low-risk tasks: ≥ 20 of them finish while it waits;
 * the reviewer approves an edited payload; the payment executes exactly once, with the edit.
 */
async function holdApproveExecute(mode: "wait" | "webhook") {
  const s = await reviewSetup({
    rules: [
      { name: "small", when: "payload.amount <= 100", outcome: "allow" },
      { name: "large", outcome: "review" },
    ],
  });
  const queue = `demo-test-${randomBytes(4).toString("hex")}`;
  const env: Record<string, string> = {
    COUNTERSIGN_URL: BASE_URL,
    COUNTERSIGN_API_KEY: s.agent.apiKey,
    DEMO_AGENT_REDIS_URL: process.env.REDIS_URL!,
    DEMO_AGENT_ACTION: s.key,
    DEMO_AGENT_QUEUE: queue,
    DEMO_TASK_INTERVAL_MS: "60",
    DEMO_FIRST_HIGH: "3",
    DEMO_HIGH_EVERY: "0",
    DEMO_AGENT_DECISIONS: mode,
  };
  if (mode === "webhook") {
    const port = await freePort(0);
    const { secret } = await setWebhookEndpoint({
      actor: { kind: "cli" },
      agentId: s.agent.agentId,
      input: { url: `http://127.0.0.1:${port}/countersign` },
    });
    // Only the webhook can resume it: the fallback re-check is far beyond the test.
    Object.assign(env, { DEMO_AGENT_WEBHOOK_PORT: String(port), COUNTERSIGN_WEBHOOK_SECRET: secret!, DEMO_RECHECK_MS: "600000" });
  }
  const agent = startDemoAgent(env);
  try {
    const held = await eventually(
      async () => agent.lines.find((l) => /#3\s+⏸ HELD/.test(l)),
      30_000,
      `task #3 held (stderr: ${agent.stderr()})`,
    );
    const requestId = /request ([0-9a-f-]{36})/.exec(held)![1]!;
    const heldAt = agent.lines.indexOf(held);

    // While it waits, the rest of the stream keeps flowing.
    const doneWhileHeld = () => agent.lines.slice(heldAt).filter((l) => /✔ done/.test(l)).length;
    await eventually(async () => doneWhileHeld() >= 20, 30_000, "20 low-risk tasks done while #3 is held");
    expect((await s.api.get(requestId)).body.status).toBe("pending");
    expect(agent.lines.some((l) => /#3\s+▶ EXECUTED/.test(l))).toBe(false);

    const proposed = (await s.api.get(requestId)).body.payload;
    await s.approve(requestId, { ...proposed, amount: proposed.amount + 1 });
    const executed = await eventually(async () => agent.lines.find((l) => /#3\s+▶ EXECUTED/.test(l)), 20_000, "task #3 executed");
    expect(executed).toContain("as edited by the reviewer");
    if (mode === "webhook") expect(agent.lines.some((l) => l.includes(`⇠ webhook`) && l.includes(requestId))).toBe(true);

    // Let more tasks run after it, then check nothing ran #3 again.
    const after = agent.lines.length;
    await eventually(
      async () => agent.lines.slice(after).filter((l) => /✔ done/.test(l)).length >= 10,
      20_000,
      "more tasks after the approval",
    );
    expect(agent.lines.filter((l) => /#3\s+▶ EXECUTED/.test(l))).toHaveLength(1);
    expect(agent.lines.filter((l) => /#3\s+· skipped/.test(l))).toHaveLength(0);
    const request = await eventually(async () => {
      const r = (await s.api.get(requestId)).body;
      return r.execution ? r : null;
    });
    expect(request.execution.status).toBe("succeeded");
    const redis = new Redis(process.env.REDIS_URL!);
    expect(JSON.parse((await redis.get(`${queue}:effect:${requestId}`))!)).toEqual({ ...proposed, amount: proposed.amount + 1 });
    redis.disconnect();
    expect((await s.api.list()).body.requests.filter((r: { id: string }) => r.id === requestId)).toHaveLength(1);
  } finally {
    agent.child.kill("SIGTERM");
    expect(await agent.exited).toBe(0);
    writeFileSync(`test-results/demo-agent-${mode}.log`, agent.lines.join("\n") + "\n");
  }
}

describe("demo agent (npm run demo:agent)", () => {
  it(
    "keeps finishing low-risk tasks while a payment waits, then executes it exactly once (decision by long-poll)",
    () => holdApproveExecute("wait"),
    120_000,
  );
  it("the same with the decision pushed by a signed webhook", () => holdApproveExecute("webhook"), 120_000);
});
