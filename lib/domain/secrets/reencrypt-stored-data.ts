import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { chatUrlContext } from "@/lib/domain/notifications/send-chat-notification.ts";
import { resealReceiptKeys } from "@/lib/domain/receipts/signing-key.ts";
import {
  openEditedPayload,
  openRequestContent,
  openStoredResponse,
  sealEditedPayload,
  sealExecution,
  sealPayload,
  sealStoredResponse,
  sealSubmission,
} from "@/lib/domain/requests/sealed-request.ts";
import { db, type Prisma } from "@/lib/platform/db.ts";
import { openSecret, sealSecret } from "@/lib/domain/webhooks/webhook-secret.ts";
import { activeKeyId, decryptValue, encryptValue, keyIdOf } from "@/lib/platform/crypto/key-ring.ts";
import { isSealed, sealedKeyIdsAt } from "@/lib/platform/crypto/sealed-values.ts";

// The re-encryption job (`encryption.reencrypt`, CLI `encryption:reencrypt`): moves every value
// encrypted at rest to the active key of ENCRYPTION_KEYS, encrypts what older versions stored in
// plaintext (reasoning, context, execution output, stored responses), and seals payload values at
// sensitive fields an admin added since a request was submitted. Batched by id; each batch locks
// its rows, so decisions running meanwhile wait for it instead of racing it. Idempotent: a second
// run finds nothing to do. When it reports zero everywhere, older keys can leave the ring.

type Counts = { requests: number; webhookEndpoints: number; groups: number; receiptKeys: number };

// Stale: sealed under another key than the active one — a whole value (reasoning, context, ...),
// or a payload value at a pointer the row sealed (nothing an agent wrote elsewhere counts).
const staleWhole = (value: unknown, active: string) => isSealed(value) && keyIdOf(value) !== active;
const staleAt = (document: unknown, pointers: readonly string[], active: string) =>
  [...sealedKeyIdsAt(document, pointers)].some((id) => id !== active);
const plain = (value: unknown) => value !== null && value !== undefined && !isSealed(value);

async function reencryptRequestBatch(
  afterId: string,
  batchSize: number,
  active: string,
): Promise<{ last: string | null; changed: number }> {
  return db().$transaction(
    async (tx) => {
      const ids = await tx.$queryRaw<
        { id: string }[]
      >`SELECT id FROM approval_requests WHERE id > ${afterId}::uuid ORDER BY id LIMIT ${batchSize} FOR UPDATE`;
      if (ids.length === 0) return { last: null, changed: 0 };
      const rows = await tx.approvalRequest.findMany({
        where: { id: { in: ids.map((r) => r.id) } },
        include: {
          actionType: { select: { sensitiveFields: true } },
          reviews: { select: { id: true, reviewerId: true, editedPayload: true } },
          idempotency: { select: { agentId: true, key: true, responseBody: true } },
        },
      });
      let changed = 0;
      for (const row of rows) {
        const fields = row.purgedAt ? row.sealedFields : [...new Set([...row.sealedFields, ...row.actionType.sensitiveFields])];
        const wholes = [row.reasoning, row.context, row.executionOutput, row.executionError, row.idempotency?.responseBody];
        const documents = [row.payload, row.approvedPayload, ...row.reviews.map((r) => r.editedPayload)];
        const needed =
          fields.length !== row.sealedFields.length ||
          wholes.some((v) => staleWhole(v, active) || plain(v)) ||
          documents.some((d) => staleAt(d, row.sealedFields, active));
        if (!needed) continue;
        const open = openRequestContent(row);
        const submission = sealSubmission(row.id, fields, {
          payload: open.payload,
          reasoning: open.reasoning ?? undefined,
          context: open.context ?? undefined,
        });
        await tx.approvalRequest.update({
          where: { id: row.id },
          data: {
            sealedFields: fields,
            payload: open.payload === null ? undefined : submission.payload,
            approvedPayload:
              open.approvedPayload === null ? undefined : sealPayload(row.id, open.approvedPayload, fields, "approvedPayload"),
            reasoning: submission.reasoning,
            context: submission.context as Prisma.InputJsonValue | undefined,
            ...sealExecution(row.id, { output: open.executionOutput ?? undefined, error: open.executionError ?? undefined }),
          },
        });
        for (const review of row.reviews) {
          if (review.editedPayload === null) continue;
          const edited = openEditedPayload(row, review).editedPayload;
          await tx.review.update({
            where: { id: review.id },
            data: { editedPayload: sealEditedPayload({ id: row.id, sealedFields: fields }, review.reviewerId, edited) },
          });
        }
        if (row.idempotency) {
          const body = openStoredResponse(row.id, row.idempotency.responseBody);
          await tx.idempotencyKey.update({
            where: { agentId_key: { agentId: row.idempotency.agentId, key: row.idempotency.key } },
            data: { responseBody: sealStoredResponse(row.id, body) },
          });
        }
        changed++;
      }
      return { last: ids.at(-1)!.id, changed };
    },
    { timeout: 60_000 },
  );
}

export async function reencryptStoredData(options: { actor: Actor; batchSize?: number }): Promise<Counts & { activeKeyId: string }> {
  const active = activeKeyId();
  const batchSize = options.batchSize ?? 200;
  const counts: Counts = { requests: 0, webhookEndpoints: 0, groups: 0, receiptKeys: 0 };
  for (let after = "00000000-0000-0000-0000-000000000000"; ;) {
    const { last, changed } = await reencryptRequestBatch(after, batchSize, active);
    counts.requests += changed;
    if (!last) break;
    after = last;
  }
  await db().$transaction(async (tx) => {
    for (const e of await tx.webhookEndpoint.findMany()) {
      const prev = e.previousSecret;
      if (keyIdOf(e.secret) === active && (!prev || keyIdOf(prev) === active)) continue;
      await tx.webhookEndpoint.update({
        where: { id: e.id },
        data: {
          secret: sealSecret(e.agentId, openSecret(e.agentId, e.secret)),
          previousSecret: prev ? sealSecret(e.agentId, openSecret(e.agentId, prev)) : null,
        },
      });
      counts.webhookEndpoints++;
    }
    for (const g of await tx.group.findMany({ where: { chatWebhookUrl: { not: null } } })) {
      if (keyIdOf(g.chatWebhookUrl!) === active) continue;
      await tx.group.update({
        where: { id: g.id },
        data: { chatWebhookUrl: encryptValue(decryptValue(g.chatWebhookUrl!, chatUrlContext(g.id)), chatUrlContext(g.id)) },
      });
      counts.groups++;
    }
    counts.receiptKeys = await resealReceiptKeys(tx, active);
    await recordAuditEvent(tx, {
      type: "encryption.reencrypted",
      actor: options.actor,
      subject: "encryption",
      data: { activeKeyId: active, ...counts },
    });
  });
  return { activeKeyId: active, ...counts };
}
