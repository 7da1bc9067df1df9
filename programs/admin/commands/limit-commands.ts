import { z } from "zod";
import { CLI, str, type Command } from "../command.ts";

/** A limit on the command line: a whole number, or "default" for the deployment's default. */
const limitArg = z.union([z.literal("default").transform(() => null), z.coerce.number().int()]).optional();

/** An agent's limits and budgets: `agent:limits:*`, `agent:budget:*` (services loaded when they run). */
export const limitCommands: Record<string, Command> = {
  "agent:limits:show": {
    usage: "--agent ID",
    options: { agent: { type: "string" } },
    run: async (v) => {
      const { getAgentLimits } = await import("@/lib/domain/limits/get-agent-limits.ts");
      return getAgentLimits({ actor: CLI, agentId: z.object({ agent: z.uuid() }).parse(v).agent });
    },
  },
  "agent:limits:set": {
    usage:
      '--agent ID [--submits-per-minute N] [--max-pending N] [--max-payload-bytes N] [--breaker-threshold N (0: off)] [--breaker-window-seconds S]   (each: a number or "default")',
    options: {
      agent: { type: "string" },
      "submits-per-minute": { type: "string" },
      "max-pending": { type: "string" },
      "max-payload-bytes": { type: "string" },
      "breaker-threshold": { type: "string" },
      "breaker-window-seconds": { type: "string" },
    },
    run: async (v) => {
      const a = z
        .object({
          agent: z.uuid(),
          "submits-per-minute": limitArg,
          "max-pending": limitArg,
          "max-payload-bytes": limitArg,
          "breaker-threshold": limitArg,
          "breaker-window-seconds": limitArg,
        })
        .parse(v);
      const { setAgentLimits } = await import("@/lib/domain/limits/set-agent-limits.ts");
      return setAgentLimits({
        actor: CLI,
        agentId: a.agent,
        limits: {
          submitsPerMinute: a["submits-per-minute"],
          maxPending: a["max-pending"],
          maxPayloadBytes: a["max-payload-bytes"],
          breakerThreshold: a["breaker-threshold"],
          breakerWindowSeconds: a["breaker-window-seconds"],
        },
      });
    },
  },
  "agent:budget:set": {
    usage: "--agent ID --action A --limit AMOUNT [--window-seconds S (default: the UTC day)] [--on-exceed review|reject]",
    options: {
      agent: { type: "string" },
      action: { type: "string" },
      limit: { type: "string" },
      "window-seconds": { type: "string" },
      "on-exceed": { type: "string" },
    },
    run: async (v) => {
      const a = z
        .object({
          agent: z.uuid(),
          action: str,
          limit: str,
          "window-seconds": z.coerce.number().int().optional(),
          "on-exceed": z.enum(["review", "reject"]).optional(),
        })
        .parse(v);
      const { setAgentBudget } = await import("@/lib/domain/limits/set-agent-budget.ts");
      return setAgentBudget({
        actor: CLI,
        agentId: a.agent,
        budget: { action: a.action, limit: a.limit, windowSeconds: a["window-seconds"] ?? null, onExceed: a["on-exceed"] },
      });
    },
  },
  "agent:budget:remove": {
    usage: "--agent ID --action A",
    options: { agent: { type: "string" }, action: { type: "string" } },
    run: async (v) => {
      const a = z.object({ agent: z.uuid(), action: str }).parse(v);
      const { removeAgentBudget } = await import("@/lib/domain/limits/set-agent-budget.ts");
      return removeAgentBudget({ actor: CLI, agentId: a.agent, action: a.action });
    },
  },
};
