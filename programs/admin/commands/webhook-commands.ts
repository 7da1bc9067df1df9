import { z } from "zod";
import { CLI, str, type Command } from "../command.ts";
import { setGroupChatWebhook } from "@/lib/domain/groups/set-group-chat-webhook.ts";
import { removeWebhookEndpoint } from "@/lib/domain/webhooks/remove-webhook-endpoint.ts";
import { rotateWebhookSecret } from "@/lib/domain/webhooks/rotate-webhook-secret.ts";
import { setWebhookEndpoint } from "@/lib/domain/webhooks/set-webhook-endpoint.ts";

/** Outbound hooks: an agent's webhook (`agent:webhook:*`) and a group's chat webhook (`group:chat`). */
export const webhookCommands: Record<string, Command> = {
  "agent:webhook:set": {
    usage: "--agent ID --url URL [--event request.approved]...",
    options: { agent: { type: "string" }, url: { type: "string" }, event: { type: "string", multiple: true } },
    run: async (v) => {
      const a = z.object({ agent: z.uuid(), url: str, event: z.array(str).optional() }).parse(v);
      return setWebhookEndpoint({ actor: CLI, agentId: a.agent, input: { url: a.url, ...(a.event ? { events: a.event } : {}) } });
    },
  },
  "agent:webhook:rotate": {
    usage: "--agent ID [--grace-seconds S]",
    options: { agent: { type: "string" }, "grace-seconds": { type: "string" } },
    run: async (v) => {
      const a = z.object({ agent: z.uuid(), "grace-seconds": z.coerce.number().int().min(0).optional() }).parse(v);
      return rotateWebhookSecret({ actor: CLI, agentId: a.agent, graceSeconds: a["grace-seconds"] });
    },
  },
  "agent:webhook:remove": {
    usage: "--agent ID",
    options: { agent: { type: "string" } },
    run: async (v) => {
      const a = z.object({ agent: z.uuid() }).parse(v);
      return removeWebhookEndpoint({ actor: CLI, agentId: a.agent });
    },
  },
  "group:chat": {
    usage: "--group G (--url URL | --clear)",
    options: { group: { type: "string" }, url: { type: "string" }, clear: { type: "boolean" } },
    run: async (v) => {
      const a = z
        .object({ group: str, url: str.optional(), clear: z.boolean().optional() })
        .refine((x) => !!x.url !== !!x.clear, "give --url or --clear")
        .parse(v);
      return setGroupChatWebhook({ actor: CLI, group: a.group, url: a.url ?? null });
    },
  },
};
