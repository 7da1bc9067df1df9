import { z } from "zod";

/** Events an agent's endpoint can receive: the decisions on its own requests. */
export const WEBHOOK_EVENTS = ["request.approved", "request.rejected", "request.expired", "request.cancelled"] as const;
export const ZWebhookEvent = z.enum(WEBHOOK_EVENTS);
export type TWebhookEvent = z.infer<typeof ZWebhookEvent>;

export function isWebhookEvent(type: string): type is TWebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(type);
}
