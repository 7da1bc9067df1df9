import { z } from "zod";
import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { checkOutboundUrl } from "@/lib/platform/outbound/outbound-address.ts";
import { db } from "@/lib/platform/db.ts";
import { outboundAllowCidrs } from "@/lib/platform/env.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";
import { WEBHOOK_EVENTS, ZWebhookEvent } from "./webhook-events.ts";
import { generateWebhookSecret, sealSecret } from "./webhook-secret.ts";

export const ZSetWebhookEndpoint = z
  .object({
    url: z.string().max(2048),
    events: z
      .array(ZWebhookEvent)
      .min(1)
      .default([...WEBHOOK_EVENTS]),
  })
  .strict();
/** Loosely typed on purpose: forms and the CLI pass strings, and the schema decides. */
export type TSetWebhookEndpoint = { url: string; events?: string[] };

/**
 * Sets the agent's webhook endpoint (URL and events) and re-enables it if it was disabled. The
 * URL must pass the SSRF rule now; it is checked again on every delivery. A new endpoint gets a
 * signing secret, returned this once (stored encrypted); an existing one keeps its secret.
 */
export async function setWebhookEndpoint(options: {
  actor: Actor;
  agentId: string;
  input: TSetWebhookEndpoint;
}): Promise<{ endpointId: string; secret: string | null }> {
  const input = parseInput(ZSetWebhookEndpoint, options.input);
  const url = (await checkOutboundUrl(input.url, outboundAllowCidrs())).toString();
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    const agent = await tx.agent.findUnique({ where: { id: options.agentId }, include: { webhook: true } });
    if (!agent) throw new AppError("not_found", "Agent not found");
    let secret: string | null = null;
    let endpointId = agent.webhook?.id;
    if (endpointId) {
      await tx.webhookEndpoint.update({
        where: { id: endpointId },
        data: { url, events: input.events, disabledAt: null, disabledReason: null },
      });
    } else {
      secret = generateWebhookSecret();
      const created = await tx.webhookEndpoint.create({
        data: { agentId: agent.id, url, events: input.events, secret: sealSecret(agent.id, secret) },
      });
      endpointId = created.id;
    }
    await recordAuditEvent(tx, {
      type: "webhook.configured",
      actor: options.actor,
      subject: `agent:${agent.id}`,
      data: { url, events: input.events, newSecret: secret !== null },
    });
    return { endpointId, secret };
  });
}
