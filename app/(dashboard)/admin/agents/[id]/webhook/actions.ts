"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { WEBHOOK_EVENTS } from "@/lib/domain/webhooks/webhook-events.ts";
import { redeliverWebhook } from "@/lib/domain/webhooks/redeliver-webhook.ts";
import { removeWebhookEndpoint } from "@/lib/domain/webhooks/remove-webhook-endpoint.ts";
import { rotateWebhookSecret } from "@/lib/domain/webhooks/rotate-webhook-secret.ts";
import { setWebhookEndpoint } from "@/lib/domain/webhooks/set-webhook-endpoint.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";
import { runAdminAction } from "../../../run-admin-action.ts";

// Server actions of an agent's webhook page. A new secret comes back once, to be shown once.
// Arguments arrive from the client as any value: checked first (inside runAdminAction, so a
// mismatch is a refusal shown on the form, not a TypeError's 500).

const done = <T>(agentId: unknown, result: T) => (revalidatePath(`/admin/agents/${String(agentId)}/webhook`), result);

export async function setWebhookAction(agentId: string, input: { url: string; events: string[] }) {
  return done(
    agentId,
    await runAdminAction((actor) => {
      const [id, { url, events }] = parseInput(z.tuple([z.uuid(), z.object({ url: z.string(), events: z.array(z.string()) })]), [
        agentId,
        input,
      ]);
      return setWebhookEndpoint({ actor, agentId: id, input: { url: url.trim(), events: events.length ? events : [...WEBHOOK_EVENTS] } });
    }),
  );
}

export async function rotateWebhookSecretAction(agentId: string, graceSeconds: number) {
  return done(
    agentId,
    await runAdminAction((actor) => {
      const [id, grace] = parseInput(z.tuple([z.uuid(), z.number()]), [agentId, graceSeconds]);
      return rotateWebhookSecret({ actor, agentId: id, graceSeconds: grace });
    }),
  );
}

export async function redeliverAction(agentId: string, deliveryId: string) {
  return done(
    agentId,
    await runAdminAction((actor) => redeliverWebhook({ actor, deliveryId: parseInput(z.uuid(), deliveryId, "deliveryId") })),
  );
}

export async function removeWebhookAction(agentId: string) {
  return done(agentId, await runAdminAction((actor) => removeWebhookEndpoint({ actor, agentId })));
}
