import { decryptValue } from "@/lib/platform/crypto/key-ring.ts";
import { postOutbound } from "@/lib/platform/outbound/post-outbound.ts";
import { db } from "@/lib/platform/db.ts";
import { env } from "@/lib/platform/env.ts";
import { findReviewersToNotify } from "./find-reviewers-to-notify.ts";
import { describeNotification, type TNotificationKind } from "./notification-kinds.ts";

export const chatUrlContext = (groupId: string) => `chat-webhook:${groupId}`;

// Slack mrkdwn treats <, > and & as control characters.
const escapeSlack = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Posts a Slack-compatible incoming-webhook message ({ text }) to a group's chat, under the same
 * SSRF rule as agent webhooks. Throws on failure so the job retries with backoff.
 */
export async function sendChatNotification(input: {
  groupId: string;
  requestId: string;
  kind: TNotificationKind;
}): Promise<{ sent: boolean }> {
  const group = await db().group.findUnique({ where: { id: input.groupId } });
  const found = await findReviewersToNotify(input.requestId);
  if (!group?.chatWebhookUrl || !found) return { sent: false };
  const { subject, lines } = describeNotification(input.kind, found.request);
  const link = `${env().APP_URL}/requests/${found.request.id}`;
  const text = [`*${escapeSlack(subject)}*`, ...lines.slice(1).map(escapeSlack), `<${link}|Review it in Countersign>`].join("\n");
  const result = await postOutbound({
    url: decryptValue(group.chatWebhookUrl, chatUrlContext(group.id)),
    body: JSON.stringify({ text }),
    headers: {},
    timeoutMs: env().WEBHOOK_TIMEOUT_MS,
    allowCidrs: env().OUTBOUND_ALLOW_CIDRS,
  });
  if (result.status === null || result.status >= 300) throw new Error(`chat webhook failed: ${result.error ?? `HTTP ${result.status}`}`);
  return { sent: true };
}
