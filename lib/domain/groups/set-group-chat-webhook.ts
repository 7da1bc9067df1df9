import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { encryptValue } from "@/lib/platform/crypto/key-ring.ts";
import { chatUrlContext } from "@/lib/domain/notifications/send-chat-notification.ts";
import { checkOutboundUrl } from "@/lib/platform/outbound/outbound-address.ts";
import { db } from "@/lib/platform/db.ts";
import { outboundAllowCidrs } from "@/lib/platform/env.ts";
import { requireAdmin } from "@/lib/domain/users/require-admin.ts";
import { ZGroupName } from "@/lib/domain/users/schemas.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";

/**
 * Sets (or clears, with null) the Slack-compatible incoming webhook a group's notifications go
 * to. The URL is a bearer secret: it is checked against the SSRF rule, stored encrypted, and
 * never shown again (the audit event records only that it changed).
 */
export async function setGroupChatWebhook(options: {
  actor: Actor;
  group: string;
  url: string | null;
}): Promise<{ group: string; configured: boolean }> {
  const name = parseInput(ZGroupName, options.group, "group");
  const url = options.url ? (await checkOutboundUrl(options.url, outboundAllowCidrs())).toString() : null;
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    await tx.group.createMany({ data: [{ name }], skipDuplicates: true });
    const group = await tx.group.findUniqueOrThrow({ where: { name } });
    await tx.group.update({ where: { id: group.id }, data: { chatWebhookUrl: url ? encryptValue(url, chatUrlContext(group.id)) : null } });
    await recordAuditEvent(tx, {
      type: "group.chat_webhook_set",
      actor: options.actor,
      subject: `group:${group.id}`,
      data: { group: group.name, configured: url !== null },
    });
    return { group: group.name, configured: url !== null };
  });
}
