import { z } from "zod";
import { CLI, str, type Command } from "../command.ts";
import { createAgent } from "@/lib/domain/agents/create-agent.ts";
import { revokeApiKey } from "@/lib/domain/agents/revoke-api-key.ts";
import { rotateAgentKey } from "@/lib/domain/agents/rotate-agent-key.ts";

/** Agents and their API keys: `agent:create`, `agent:key:*`. */
export const agentCommands: Record<string, Command> = {
  "agent:create": {
    usage: '--name N --scopes "payments.*,email.send" [--owner EMAIL] [--tag T]...',
    options: { name: { type: "string" }, scopes: { type: "string" }, owner: { type: "string" }, tag: { type: "string", multiple: true } },
    run: async (v) => {
      const a = z.object({ name: str, scopes: str, owner: str.optional(), tag: z.array(str).optional() }).parse(v);
      const scopes = a.scopes
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      return createAgent({ actor: CLI, name: a.name, scopes, ownerEmail: a.owner, tags: a.tag });
    },
  },
  "agent:key:rotate": {
    usage: "--agent ID [--grace-seconds S]",
    options: { agent: { type: "string" }, "grace-seconds": { type: "string" } },
    run: async (v) => {
      const a = z.object({ agent: z.uuid(), "grace-seconds": z.coerce.number().int().min(0).optional() }).parse(v);
      return rotateAgentKey({ actor: CLI, agentId: a.agent, graceSeconds: a["grace-seconds"] });
    },
  },
  "agent:key:create": {
    usage: "--agent ID [--expires-in-seconds S]   (one more key; the agent's other keys keep working)",
    options: { agent: { type: "string" }, "expires-in-seconds": { type: "string" } },
    run: async (v) => {
      const a = z.object({ agent: z.uuid(), "expires-in-seconds": z.coerce.number().int().optional() }).parse(v);
      const { createAgentKey } = await import("@/lib/domain/agents/create-agent-key.ts");
      return createAgentKey({ actor: CLI, agentId: a.agent, expiresInSeconds: a["expires-in-seconds"] });
    },
  },
  "agent:key:revoke": {
    usage: "--agent ID --prefix P",
    options: { agent: { type: "string" }, prefix: { type: "string" } },
    run: async (v) => {
      const a = z.object({ agent: z.uuid(), prefix: str }).parse(v);
      await revokeApiKey({ actor: CLI, agentId: a.agent, prefix: a.prefix });
      return { revoked: a.prefix };
    },
  },
};
