// The submission path case by case (issue 15): the allow path, one agent's hot row, an agent with
// a long pending queue, and a large approving group — each beside a baseline taken in the same run.
import type { Stack } from "@/programs/launcher/start-stack.ts";
import { ACTION, type Setup } from "./bench-setup.ts";
import { machineBusyMs } from "./processes.ts";
import { countWork, type WorkCount } from "./statement-counts.ts";
import { load, type LoadResult } from "./submit-throughput.ts";

export type Agent = { agentId: string; apiKey: string };

/** A body the bench policy allows (amount ≤ 100) or sends to review. */
export const submissionBody = (outcome: "allow" | "review", i = 0) =>
  JSON.stringify({
    action: ACTION,
    payload: { amount: outcome === "allow" ? 50 : 500 + i, currency: "USD", to: "acct_123" },
    summary: "Pay invoice INV-1042",
    reasoning: "The user asked me to pay the open invoice.",
  });

export type Measured = LoadResult & { machineMsPerRequest: number };

export type CaseContext = { stack: Stack; s: Setup; seconds: number; settle: () => Promise<void>; log: (line: string) => void };

/** A closed loop of `connections` clients spread over `agents` (client n uses agent n mod count). */
export async function submitLoad(ctx: CaseContext, agents: Agent[], connections: number, outcome: "allow" | "review"): Promise<Measured> {
  await ctx.settle();
  const before = machineBusyMs();
  const r = await load({
    url: `${ctx.stack.appUrl}/api/v1/requests`,
    connections,
    seconds: ctx.seconds,
    method: "POST",
    headers: { "content-type": "application/json" },
    clientHeaders: (n) => ({ authorization: `Bearer ${agents[n % agents.length]!.apiKey}` }),
    body: submissionBody(outcome),
  });
  // The follow-up work (outbox, notifications, timers) belongs to the submission's cost.
  await ctx.settle();
  return { ...r, machineMsPerRequest: (machineBusyMs() - before) / Math.max(1, r.total) };
}

export async function baselineLoad(ctx: CaseContext, connections: number): Promise<Measured> {
  await ctx.settle();
  const before = machineBusyMs();
  const r = await load({ url: `${ctx.stack.appUrl}/api/bench/baseline`, connections, seconds: ctx.seconds });
  return { ...r, machineMsPerRequest: (machineBusyMs() - before) / Math.max(1, r.total) };
}

export async function newAgents(count: number, label: string): Promise<Agent[]> {
  const { createAgent } = await import("@/lib/domain/agents/create-agent.ts");
  const agents: Agent[] = [];
  for (let i = 0; i < count; i++) agents.push(await createAgent({ actor: { kind: "cli" }, name: `bench-${label}-${i}`, scopes: [ACTION] }));
  return agents;
}

/** SQL statements and Redis commands per submission of one outcome, 8 at a time. */
export async function countSubmissions(ctx: CaseContext, agent: Agent, outcome: "allow" | "review", operations = 200): Promise<WorkCount> {
  return countWork({
    databaseUrl: String(ctx.stack.env.DATABASE_URL),
    redisUrl: String(ctx.stack.env.REDIS_URL),
    operations,
    settle: ctx.settle,
    run: async () => {
      for (let i = 0; i < operations; i += 8) {
        await Promise.all(
          Array.from({ length: 8 }, (_, j) =>
            fetch(`${ctx.stack.appUrl}/api/v1/requests`, {
              method: "POST",
              headers: { authorization: `Bearer ${agent.apiKey}`, "content-type": "application/json" },
              body: submissionBody(outcome, i + j),
            }).then((r) => r.arrayBuffer()),
          ),
        );
      }
    },
  });
}

/** Gives `agent` `count` pending requests through the API, 32 at a time. */
async function fillPending(ctx: CaseContext, agent: Agent, count: number): Promise<void> {
  for (let i = 0; i < count; i += 32) {
    await Promise.all(
      Array.from({ length: Math.min(32, count - i) }, (_, j) =>
        fetch(`${ctx.stack.appUrl}/api/v1/requests`, {
          method: "POST",
          headers: { authorization: `Bearer ${agent.apiKey}`, "content-type": "application/json" },
          body: submissionBody("review", i + j),
        }).then(async (r) => {
          if (r.status !== 201) throw new Error(`seeding pending requests: ${r.status} ${await r.text()}`);
        }),
      ),
    );
  }
}

/** Adds `count` reviewers (no password: they never sign in) — every one eligible for the bench rule. */
async function addReviewers(count: number): Promise<() => Promise<void>> {
  const { db } = await import("@/lib/platform/db.ts");
  const emails = Array.from({ length: count }, (_, i) => `crowd-${i}@bench.test`);
  await db().user.createMany({
    data: emails.map((email, i) => ({ email, name: `Crowd ${i}`, passwordHash: "!", role: "reviewer" as const })),
  });
  return async () => {
    await db().user.deleteMany({ where: { email: { in: emails } } });
  };
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "—");
const verdict = (ok: boolean) => (ok ? "met" : "not met");

export async function submitCasesSection(ctx: CaseContext): Promise<string[]> {
  const { log } = ctx;
  const [allowAgents, fewAgents, [single], [fresh], [queued], [smallTeam], [bigTeam], [countAllow], [countReview]] = await Promise.all([
    newAgents(16, "allow"),
    newAgents(8, "few"),
    newAgents(1, "single"),
    newAgents(1, "fresh"),
    newAgents(1, "queued"),
    newAgents(1, "team1"),
    newAgents(1, "team500"),
    newAgents(1, "count-allow"),
    newAgents(1, "count-review"),
  ]);
  log("work per submission by outcome: 200 allowed, 200 held for review");
  const allowWork = await countSubmissions(ctx, countAllow!, "allow");
  const reviewWork = await countSubmissions(ctx, countReview!, "review");

  log("bare route at 64 and 8 connections");
  const bare64 = await baselineLoad(ctx, 64);
  const bare8 = await baselineLoad(ctx, 8);
  log("allowed by policy: 16 agents over 64 connections, then 8 agents at 8");
  const allow64 = await submitLoad(ctx, allowAgents, 64, "allow");
  const allow8 = await submitLoad(ctx, fewAgents, 8, "allow");
  log("held for review: one agent at 64 connections");
  const single64 = await submitLoad(ctx, [single!], 64, "review");

  log("an agent holding 2,000 pending requests against a fresh one (16 connections each)");
  await fillPending(ctx, queued!, 2000);
  const freshRate = await submitLoad(ctx, [fresh!], 16, "review");
  const queuedRate = await submitLoad(ctx, [queued!], 16, "review");

  log("1 eligible reviewer against 500 (16 connections each)");
  const oneTeam = await submitLoad(ctx, [smallTeam!], 16, "review");
  const removeReviewers = await addReviewers(499);
  let bigTeamRate: Measured;
  try {
    bigTeamRate = await submitLoad(ctx, [bigTeam!], 16, "review");
  } finally {
    await removeReviewers();
  }

  const rows: [string, Measured, string, Measured, string][] = [
    ["allowed by policy, 16 agents, 64 connections", allow64, "bare route, 64", bare64, "≥ 0.4×"],
    ["allowed by policy, 8 agents, 8 connections", allow8, "bare route, 8", bare8, "p99 ≤ 50 ms"],
    ["held for review, one agent, 64 connections", single64, "bare route, 64", bare64, "≥ 0.25×"],
    ["held for review, agent with 2,000 pending, 16 connections", queuedRate, "fresh agent, 16", freshRate, "≥ 0.8×"],
    ["held for review, 500 eligible reviewers, 16 connections", bigTeamRate, "1 eligible reviewer, 16", oneTeam, "≥ 0.8×"],
  ];
  const cpuRatio = allow64.machineMsPerRequest / bare64.machineMsPerRequest;
  const targets = [
    `Allowed submissions at 64 connections ≥ 0.4× the bare route: **${verdict(allow64.rps / bare64.rps >= 0.4)}** (${fmt(allow64.rps / bare64.rps, 2)}×); machine CPU per submission ≤ 6× a bare request's: **${verdict(cpuRatio <= 6)}** (${fmt(cpuRatio, 1)}×).`,
    `Allowed submissions at 8 connections p99 ≤ 50 ms: **${verdict(allow8.p99 <= 50)}** (${fmt(allow8.p99)} ms).`,
    `Held for review, one agent at 64 ≥ 0.25× the bare route: **${verdict(single64.rps / bare64.rps >= 0.25)}** (${fmt(single64.rps / bare64.rps, 2)}×).`,
    `An agent with 2,000 pending ≥ 0.8× a fresh agent: **${verdict(queuedRate.rps / freshRate.rps >= 0.8)}** (${fmt(queuedRate.rps / freshRate.rps, 2)}×); 500 eligible reviewers ≥ 0.8× one: **${verdict(bigTeamRate.rps / oneTeam.rps >= 0.8)}** (${fmt(bigTeamRate.rps / oneTeam.rps, 2)}×).`,
    `SQL statements per submission ≤ 4 allowed / ≤ 6 held: **${verdict(allowWork.statements <= 4 && reviewWork.statements <= 6)}** (${fmt(allowWork.statements, 1)} / ${fmt(reviewWork.statements, 1)}); Redis commands ≤ 15: **${verdict(Math.max(allowWork.redisCommands, reviewWork.redisCommands) <= 15)}** (${fmt(allowWork.redisCommands, 1)} / ${fmt(reviewWork.redisCommands, 1)}).`,
  ];
  const top = (w: WorkCount) =>
    w.top.slice(0, 15).map((t) => `| ${fmt(t.calls, 2)} | \`${t.text.replaceAll("|", "\\|").replaceAll("`", "'")}\` |`);
  return [
    `## The submission path, case by case`,
    ``,
    `Each case beside a baseline measured in the same run, right before or after it. Machine CPU is the whole machine's busy time (all processes, the load generator included, from \`/proc/stat\`) per request, follow-up work included.`,
    ``,
    `| case | req/s | p50 ms | p99 ms | errors | machine CPU ms | baseline | baseline req/s | ratio | target |`,
    `|---|---|---|---|---|---|---|---|---|---|`,
    ...rows.map(
      ([name, m, baseName, b, target]) =>
        `| ${name} | ${fmt(m.rps)} | ${fmt(m.p50)} | ${fmt(m.p99)} | ${m.errors} | ${fmt(m.machineMsPerRequest, 2)} | ${baseName} | ${fmt(b.rps)} | ${fmt(m.rps / b.rps, 2)} | ${target} |`,
    ),
    ``,
    `Machine CPU per bare-route request: ${fmt(bare64.machineMsPerRequest, 2)} ms at 64 connections.`,
    ``,
    `Work per submission, counted over 200 submissions of each outcome, every process included: allowed **${fmt(allowWork.statements, 1)} SQL statements, ${fmt(allowWork.redisCommands, 1)} Redis commands**; held for review **${fmt(reviewWork.statements, 1)} SQL statements, ${fmt(reviewWork.redisCommands, 1)} Redis commands**.`,
    ``,
    `<details><summary>Statements per allowed submission</summary>`,
    ``,
    `| per submission | statement |`,
    `|---|---|`,
    ...top(allowWork),
    ``,
    `</details>`,
    ``,
    ...targets.map((t) => `TARGET ${t}`),
  ];
}
