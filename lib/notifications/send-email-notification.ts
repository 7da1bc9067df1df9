import { db } from "@/lib/server/db.ts";
import { env } from "@/lib/server/env.ts";
import { findReviewersToNotify } from "./find-reviewers-to-notify.ts";
import { mailer } from "./mailer.ts";
import { ZNotificationKind, describeNotification } from "./notification-kinds.ts";

/**
 * Emails one in-app notification to its reviewer, with a deep link to the request. Skipped when
 * the request was decided meanwhile or the reviewer may no longer decide it. Plain text only.
 */
export async function sendEmailNotification(notificationId: string): Promise<{ sent: boolean }> {
  const notification = await db().notification.findUnique({ where: { id: notificationId } });
  if (!notification) return { sent: false };
  const found = await findReviewersToNotify(notification.requestId);
  const reviewer = found?.reviewers.find((r) => r.id === notification.userId);
  if (!found || !reviewer || !reviewer.notifyByEmail) return { sent: false };
  const { subject, lines } = describeNotification(ZNotificationKind.parse(notification.kind), found.request);
  const link = `${env().APP_URL}/requests/${found.request.id}`;
  await mailer().sendMail({
    from: env().SMTP_FROM,
    to: reviewer.email,
    subject,
    text: [`Hello ${reviewer.name},`, "", ...lines, "", `Review it: ${link}`, "", "You get this because you may approve this request in Countersign."].join("\n"),
  });
  return { sent: true };
}
