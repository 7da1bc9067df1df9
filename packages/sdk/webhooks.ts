import { Webhook } from "standardwebhooks";
import type { ApprovalRequest } from "./types.ts";

/** A decision pushed to the agent's webhook endpoint. */
export type WebhookEvent = {
  type: "request.approved" | "request.rejected" | "request.expired" | "request.cancelled";
  timestamp: string;
  data: ApprovalRequest;
};

/**
 * Verifies a Countersign webhook (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature`; five minutes of tolerance) against the raw body exactly as received, and
 * returns the event. Give both secrets while rotating. Throws if no secret verifies it.
 */
export function verifyWebhook(
  secret: string | string[],
  rawBody: string,
  headers: Headers | Record<string, string | string[] | undefined>,
): WebhookEvent {
  const get = (name: string) => {
    const v = headers instanceof Headers ? headers.get(name) : (headers[name] ?? headers[name.toLowerCase()]);
    return Array.isArray(v) ? v.join(" ") : (v ?? "");
  };
  const wanted = {
    "webhook-id": get("webhook-id"),
    "webhook-timestamp": get("webhook-timestamp"),
    "webhook-signature": get("webhook-signature"),
  };
  let lastError: unknown = new Error("no webhook secret given");
  for (const s of Array.isArray(secret) ? secret : [secret]) {
    try {
      return new Webhook(s).verify(rawBody, wanted) as WebhookEvent;
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}
