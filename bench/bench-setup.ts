// The data every benchmark section starts from: the bench action type with a policy that sends
// submissions over 100 to review, 256 agents (one per concurrent connection), a reviewer signed
// in, and an agent of pgbench's own. Shared by `npm run bench` and `npm run bench:profile`.
import { signIn } from "../tests/support/reviewer-session.ts";

export const ACTION = "bench.transfer";
export const PGBENCH_CLIENTS = 32;
/** What the load phases submit: a realistic body that the bench policy sends to review. */
export const SUBMISSION = {
  action: ACTION,
  payload: { amount: 500, currency: "USD", to: "acct_123" },
  summary: "Pay invoice INV-1042",
  reasoning: "The user asked me to pay the open invoice.",
};

export type Setup = {
  agent: { agentId: string; apiKey: string };
  agents: { agentId: string; apiKey: string }[];
  /** pgbench's own agents, one per client (a request row counts against its agent's pending count). */
  pgbenchAgentIds: string[];
  actionTypeId: string;
  cookie: string;
};

export async function setup(stackEnv: NodeJS.ProcessEnv, appUrl: string): Promise<Setup> {
  // The services below run in this process against the stack's database and key ring.
  for (const name of ["DATABASE_URL", "ENCRYPTION_KEYS", "OUTBOUND_ALLOW_CIDRS"] as const) process.env[name] = stackEnv[name];
  const { applyConfig } = await import("@/lib/domain/config/apply-config.ts");
  const { createAgent } = await import("@/lib/domain/agents/create-agent.ts");
  const { createUser } = await import("@/lib/domain/users/create-user.ts");
  const { db } = await import("@/lib/platform/db.ts");
  const cli = { kind: "cli" } as const;
  await applyConfig({
    actor: cli,
    format: "json",
    source: JSON.stringify({
      actionTypes: [
        {
          key: ACTION,
          name: "Bench transfer",
          riskLevel: "high",
          payloadSchema: {
            type: "object",
            required: ["amount", "currency", "to"],
            properties: { amount: { type: "number" }, currency: { enum: ["USD", "EUR"] }, to: { type: "string" } },
          },
        },
      ],
      policies: [
        {
          action: ACTION,
          rules: [
            { name: "small", when: "payload.amount <= 100", outcome: "allow" },
            { name: "review", outcome: "review" },
          ],
        },
      ],
    }),
  });
  const agent = await createAgent({ actor: cli, name: "bench-agent", scopes: [ACTION] });
  // "Concurrent agents": one agent (its own key, limits and pending count) per connection.
  const agents = [];
  for (let i = 0; i < 256; i++) agents.push(await createAgent({ actor: cli, name: `bench-agent-${i}`, scopes: [ACTION] }));
  const password = "bench-reviewer-password";
  await createUser({ actor: cli, email: "bench@example.test", password, role: "reviewer" });
  const actionType = await db().actionType.findUniqueOrThrow({ where: { key: ACTION } });
  const cookie = await signIn("bench@example.test", password, appUrl);
  // pgbench's rows belong to agents of their own, so they count against no one's limits; one per
  // client, as the submission load uses one agent per connection.
  const pgbenchAgentIds: string[] = [];
  for (let i = 0; i < PGBENCH_CLIENTS; i++)
    pgbenchAgentIds.push((await createAgent({ actor: cli, name: `bench-pgbench-${i}`, scopes: [ACTION] })).agentId);
  return { agent, agents, pgbenchAgentIds, actionTypeId: actionType.id, cookie };
}
