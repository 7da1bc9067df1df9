import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { enqueueJobs } from "@/lib/platform/jobs/enqueue-jobs.ts";
import { postOutbound, type OutboundResult } from "@/lib/platform/outbound/post-outbound.ts";
import { REQUEST_VIEW_INCLUDE } from "@/lib/domain/requests/request-view.ts";
import { db, type Prisma } from "@/lib/platform/db.ts";
import { env } from "@/lib/platform/env.ts";
import { logger } from "@/lib/platform/logger.ts";
import { webhookDeliveryJob } from "./webhook-jobs.ts";
import { webhookRequestData } from "./webhook-request-data.ts";
import { openSecret, signWebhook } from "./webhook-secret.ts";

const SYSTEM = { kind: "system", name: "webhooks" } as const;

/** Delay before attempt `next` (2-based): the configured schedule with ±20% jitter. */
export function retryDelayMs(next: number, schedule: readonly number[] = env().WEBHOOK_RETRY_SCHEDULE): number | null {
  const base = schedule[next - 2];
  return base === undefined ? null : base * (0.8 + Math.random() * 0.4);
}

/**
 * One attempt at one delivery. The attempt is claimed on the row first (attempts = n - 1 and not
 * already in flight), so duplicate jobs, replicas and a stalled job's re-run never send the same
 * attempt twice; the claim's lease lets the sweep retry an attempt whose worker died mid-flight.
 * 2xx delivers; 410 disables the endpoint; anything else schedules the next attempt until the
 * schedule is exhausted.
 */
export async function deliverWebhook(deliveryId: string, attempt: number): Promise<{ outcome: string }> {
  const { WEBHOOK_TIMEOUT_MS, OUTBOUND_ALLOW_CIDRS, WEBHOOK_RETRY_SCHEDULE } = env();
  const leaseUntil = new Date(Date.now() + WEBHOOK_TIMEOUT_MS + 5000);
  const claimed = await db().webhookDelivery.updateMany({
    where: { id: deliveryId, state: "pending", attempts: attempt - 1, nextAttemptAt: { lte: new Date(Date.now() + 1000) } },
    data: { attempts: attempt, nextAttemptAt: leaseUntil },
  });
  if (claimed.count === 0) return { outcome: "skipped" };
  const delivery = await db().webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { endpoint: true } });
  const { endpoint } = delivery;
  if (endpoint.disabledAt) {
    await db().webhookDelivery.update({ where: { id: deliveryId }, data: { state: "failed", lastError: "endpoint disabled" } });
    return { outcome: "endpoint_disabled" };
  }

  const now = new Date();
  const result = await signedAttempt(delivery, now).then(
    ({ body, headers }) =>
      postOutbound({ url: endpoint.url, body, headers, timeoutMs: WEBHOOK_TIMEOUT_MS, allowCidrs: OUTBOUND_ALLOW_CIDRS }),
    (err: unknown): OutboundResult => {
      // Nothing was sent (say, the secret's key left ENCRYPTION_KEYS): a failed attempt like any
      // other, in the delivery log and on the retry schedule, instead of a job that throws forever.
      logger.error({ err, deliveryId }, "could not prepare a webhook delivery");
      return { status: null, durationMs: 0, error: `not sent: ${(err as Error).message}`, retryAfterSeconds: null };
    },
  );

  const delivered = result.status !== null && result.status >= 200 && result.status < 300;
  const gone = result.status === 410;
  const delay = delivered || gone ? null : retryDelayMs(attempt + 1, WEBHOOK_RETRY_SCHEDULE);
  const state = delivered ? "delivered" : gone || delay === null ? "failed" : "pending";
  const error = result.error ?? (delivered ? null : `HTTP ${result.status}`);
  await db().$transaction(async (tx) => {
    await tx.webhookAttempt.create({
      data: { deliveryId, attempt, startedAt: now, durationMs: result.durationMs, status: result.status, error },
    });
    await tx.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        state,
        lastStatus: result.status,
        lastError: error,
        deliveredAt: delivered ? new Date() : null,
        nextAttemptAt: new Date(Date.now() + (delay ?? 0)),
      },
    });
    if (gone) {
      await tx.webhookEndpoint.update({
        where: { id: endpoint.id },
        data: { disabledAt: new Date(), disabledReason: "The receiver answered 410 Gone" },
      });
      await recordAuditEvent(tx, {
        type: "webhook.disabled",
        actor: SYSTEM,
        subject: `agent:${endpoint.agentId}`,
        data: { url: endpoint.url, reason: "410 Gone", deliveryId },
      });
    }
  });
  if (state === "pending" && delay !== null) {
    // If this add is lost (Redis gone right now), the sweep re-queues the attempt when it is due.
    await enqueueJobs([webhookDeliveryJob(deliveryId, attempt + 1, delay)]).catch((err) =>
      logger.warn({ err, deliveryId }, "could not queue the next webhook attempt; the sweep will"),
    );
  }
  return { outcome: state };
}

/** An attempt's body and Standard Webhooks headers; throws when a signing secret cannot be opened. */
async function signedAttempt(delivery: Prisma.WebhookDeliveryGetPayload<{ include: { endpoint: true } }>, now: Date) {
  const { endpoint } = delivery;
  const request = delivery.requestId
    ? await db().approvalRequest.findUnique({ where: { id: delivery.requestId }, include: REQUEST_VIEW_INCLUDE })
    : null;
  const body = JSON.stringify({
    type: delivery.eventType,
    timestamp: delivery.createdAt.toISOString(),
    data: request ? webhookRequestData(request) : null,
  });
  const secrets = [openSecret(endpoint.agentId, endpoint.secret)];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(openSecret(endpoint.agentId, endpoint.previousSecret));
  }
  const headers = {
    "webhook-id": delivery.id,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": signWebhook(secrets, delivery.id, now, body),
  };
  return { body, headers };
}
