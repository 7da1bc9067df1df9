// The agent's pending count is a row kept by triggers (migration …_hot_path), not a count(*) at
// each submission: it must follow every way a request enters and leaves `pending`, and the
// maximum must hold exactly when an agent's submissions race.
import { describe, expect, it } from "vitest";
import { killAgent } from "@/lib/domain/agents/kill-agent.ts";
import { setAgentLimits } from "@/lib/domain/limits/set-agent-limits.ts";
import { expireDueRequests } from "@/lib/domain/requests/expire-due-requests.ts";
import { db } from "@/lib/platform/db.ts";
import { reviewSetup } from "../support/approvals.ts";
import { createTestAgent } from "../support/factories.ts";

const CLI = { kind: "cli" } as const;

async function pendingCounter(agentId: string): Promise<number | undefined> {
  const [row] = await db().$queryRaw<{ pending: number }[]>`SELECT pending FROM agent_counters WHERE "agentId" = ${agentId}::uuid`;
  return row?.pending;
}
async function pendingCounted(agentId: string): Promise<number> {
  return db().approvalRequest.count({ where: { agentId, status: "pending" } });
}

describe("the pending counter", () => {
  it("exists from the agent's creation and follows submissions, decisions, cancellation, expiry, the kill switch and deletes", async () => {
    const review = await reviewSetup({
      rules: [
        { name: "small", when: "payload.n == 0", outcome: "allow" },
        { name: "review", outcome: "review" },
      ],
    });
    const { agentId } = review.agent;
    expect(await pendingCounter(agentId)).toBe(0);

    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) ids.push((await review.api.submit({ action: review.key, payload: { n } })).body.id);
    expect((await review.api.submit({ action: review.key, payload: { n: 0 } })).body.status).toBe("approved");
    expect(await pendingCounter(agentId)).toBe(5);

    await review.approve(ids[0]!);
    await review.reject(ids[1]!, "no");
    expect((await review.api.cancel(ids[2]!)).status).toBe(200);
    expect(await pendingCounter(agentId)).toBe(2);

    await db().approvalRequest.update({ where: { id: ids[3]! }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expireDueRequests({ requestId: ids[3]! });
    expect(await pendingCounter(agentId)).toBe(1);

    // Rows written in bulk by SQL are counted too: the triggers see every row, however written.
    await db().$executeRaw`
      INSERT INTO approval_requests (id, "agentId", "actionTypeId", action, status, payload, "payloadHash", "policyReason", "expiresAt")
      SELECT gen_random_uuid(), "agentId", "actionTypeId", action, 'pending', payload, "payloadHash", 'bulk', now() + interval '1 hour'
      FROM approval_requests, generate_series(1, 40) WHERE id = ${ids[4]!}::uuid`;
    expect(await pendingCounter(agentId)).toBe(41);
    await db()
      .$executeRaw`DELETE FROM approval_requests WHERE "agentId" = ${agentId}::uuid AND "policyReason" = 'bulk' AND status = 'pending'
      AND id IN (SELECT id FROM approval_requests WHERE "agentId" = ${agentId}::uuid AND "policyReason" = 'bulk' LIMIT 10)`;
    expect(await pendingCounter(agentId)).toBe(31);

    await killAgent({ actor: CLI, agentId });
    expect(await pendingCounter(agentId)).toBe(0);
    expect(await pendingCounted(agentId)).toBe(0);
  });

  it("holds the maximum exactly under concurrent submissions of one agent", async () => {
    const review = await reviewSetup();
    await setAgentLimits({ actor: CLI, agentId: review.agent.agentId, limits: { maxPending: 5, breakerThreshold: 0 } });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => review.api.submit({ action: review.key, payload: { n } })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(15);
    expect(await pendingCounted(review.agent.agentId)).toBe(5);
    expect(await pendingCounter(review.agent.agentId)).toBe(5);
  });

  it("is removed with its agent", async () => {
    const agent = await createTestAgent();
    expect(await pendingCounter(agent.agentId)).toBe(0);
    await db().agent.delete({ where: { id: agent.agentId } });
    expect(await pendingCounter(agent.agentId)).toBeUndefined();
  });
});
