import { z } from "zod";
import { CLI, type Command } from "../command.ts";
import { pauseAgent } from "@/lib/domain/agents/pause-agent.ts";
import { resumeAgent } from "@/lib/domain/agents/resume-agent.ts";

/** An agent's kill switch: `agent:pause`, `agent:resume`. */
export const killSwitchCommands: Record<string, Command> = {
  "agent:pause": {
    usage: "--agent ID",
    options: { agent: { type: "string" } },
    run: async (v) => pauseAgent({ actor: CLI, agentId: z.object({ agent: z.uuid() }).parse(v).agent }),
  },
  "agent:resume": {
    usage: "--agent ID",
    options: { agent: { type: "string" } },
    run: async (v) => resumeAgent({ actor: CLI, agentId: z.object({ agent: z.uuid() }).parse(v).agent }),
  },
};
