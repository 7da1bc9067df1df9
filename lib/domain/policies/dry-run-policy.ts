import { z } from "zod";
import type { Actor } from "@/lib/domain/auth/actor.ts";
import { ZRuleConfig } from "@/lib/domain/config/schemas.ts";
import { validateConfig } from "@/lib/domain/config/validate-config.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { openRequestContent } from "@/lib/domain/requests/sealed-request.ts";
import { db } from "@/lib/platform/db.ts";
import { requireReader } from "@/lib/domain/users/require-reader.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";
import { decideByRules, type DecidingRule, type PolicyDecision } from "./evaluate-policy.ts";
import { storedRuleFromConfig } from "./stored-rule.ts";

export const ZDryRunSample = z.strictObject({
  payload: z.json(),
  agent: z
    .strictObject({
      name: z.string().default("sample-agent"),
      tags: z.array(z.string()).default([]),
      owner: z.string().nullable().default(null),
    })
    .default({ name: "sample-agent", tags: [], owner: null }),
  summary: z.string().nullable().default(null),
  context: z.json().nullable().default(null),
  now: z.iso.datetime().optional(),
});
export type TDryRunSample = z.infer<typeof ZDryRunSample>;

type Outcome = PolicyDecision["outcome"];
export type DryRunResult = {
  sample: { outcome: Outcome; rule: string | null; reason: string } | null;
  replay: {
    checked: number;
    changed: { requestId: string; createdAt: string; before: Outcome; after: Outcome; rule: string | null; reason: string }[];
  } | null;
};

/** What a request's policy decided, as recorded: `policy` decisions are allow/deny, the rest review. */
function recordedOutcome(r: { decisionBy: string | null; status: string }): Outcome {
  if (r.decisionBy === "policy") return r.status === "approved" ? "allow" : "deny";
  return "review";
}

/**
 * Tries rules without publishing them: against a sample request (which rule matches and why),
 * and against the last `replay` real requests of the action type, listing those whose outcome
 * would change. Without `rules`, the published policy is tried.
 */
export async function dryRunPolicy(options: {
  actor: Actor;
  action: string;
  rules?: unknown[];
  sample?: unknown;
  replay?: number;
}): Promise<DryRunResult> {
  await requireReader(db(), options.actor);
  const actionType = await db().actionType.findUnique({
    where: { key: options.action },
    include: { policy: { include: { publishedVersion: { include: { rules: { orderBy: { position: "asc" } } } } } } },
  });
  if (!actionType) throw new AppError("unknown_action", `Unknown action ${options.action}`);
  let rules: DecidingRule[];
  if (options.rules) {
    parseInput(z.array(ZRuleConfig), options.rules, "rules");
    const doc = validateConfig({ policies: [{ action: options.action, rules: options.rules }] }, new Set([options.action]));
    rules = doc.policies[0]!.rules.map(storedRuleFromConfig);
  } else {
    rules = actionType.policy?.publishedVersion?.rules ?? [];
  }

  let sample: DryRunResult["sample"] = null;
  if (options.sample !== undefined) {
    const s = parseInput(ZDryRunSample, options.sample, "sample");
    const d = decideByRules(rules, {
      payload: s.payload,
      agent: { id: "dry-run", name: s.agent.name, tags: s.agent.tags, owner: s.agent.owner },
      risk: { flags: [], score: 0 },
      request: { summary: s.summary, context: s.context },
      now: s.now ? new Date(s.now) : new Date(),
    });
    sample = { outcome: d.outcome, rule: d.ruleName, reason: d.reason };
  }

  let replay: DryRunResult["replay"] = null;
  if (options.replay) {
    const recent = await db().approvalRequest.findMany({
      where: { actionTypeId: actionType.id, purgedAt: null },
      orderBy: { createdAt: "desc" },
      take: Math.min(options.replay, 1000),
      include: { agent: { select: { id: true, name: true, tags: true, owner: { select: { email: true } } } } },
    });
    const changed = [];
    for (const stored of recent) {
      const r = openRequestContent(stored);
      const d = decideByRules(rules, {
        payload: r.payload,
        agent: { id: r.agent.id, name: r.agent.name, tags: r.agent.tags, owner: r.agent.owner?.email ?? null },
        risk: { flags: r.riskFlags, score: r.riskScore },
        request: { summary: r.summary, context: r.context },
        now: r.createdAt,
      });
      const before = recordedOutcome(r);
      if (d.outcome !== before)
        changed.push({
          requestId: r.id,
          createdAt: r.createdAt.toISOString(),
          before,
          after: d.outcome,
          rule: d.ruleName,
          reason: d.reason,
        });
    }
    replay = { checked: recent.length, changed };
  }
  return { sample, replay };
}
