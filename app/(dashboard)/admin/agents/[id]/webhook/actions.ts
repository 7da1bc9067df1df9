"use server";

import { revalidatePath } from "next/cache";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/webhook-events.ts";
import { redeliverWebhook } from "@/lib/webhooks/redeliver-webhook.ts";
import { removeWebhookEndpoint } from "@/lib/webhooks/remove-webhook-endpoint.ts";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret.ts";
import { setWebhookEndpoint } from "@/lib/webhooks/set-webhook-endpoint.ts";
import { runAdminAction } from "../../../run-admin-action.ts";

// Server actions of an agent's webhook page. A new secret comes back once, to be shown once.

const done = <T,>(agentId: string, result: T) => (revalidatePath(`/admin/agents/${agentId}/webhook`), result);

export async function setWebhookAction(agentId: string, input: { url: string; events: string[] }) {
  return done(agentId, await runAdminAction((actor) => setWebhookEndpoint({ actor, agentId, input: { url: input.url.trim(), events: input.events.length ? input.events : [...WEBHOOK_EVENTS] } })));
}

export async function rotateWebhookSecretAction(agentId: string, graceSeconds: number) {
  return done(agentId, await runAdminAction((actor) => rotateWebhookSecret({ actor, agentId, graceSeconds })));
}

export async function redeliverAction(agentId: string, deliveryId: string) {
  return done(agentId, await runAdminAction((actor) => redeliverWebhook({ actor, deliveryId })));
}

export async function removeWebhookAction(agentId: string) {
  return done(agentId, await runAdminAction((actor) => removeWebhookEndpoint({ actor, agentId })));
}
