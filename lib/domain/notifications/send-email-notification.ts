import { db } from "@/lib/platform/db.ts";
import { env } from "@/lib/platform/env.ts";
import { findReviewersToNotify } from "./find-reviewers-to-notify.ts";
import { mailer } from "@/lib/platform/mailer.ts";
import { ZNotificationKind, describeAgentNotification, describeNotification } from "./notification-kinds.ts";

/**
 * Emails one in-app notification to its user, with a deep link. A request notification is skipped
 * when the request was decided meanwhile or the reviewer may no longer decide it; an agent
 * notification goes to admins who still are admins. Plain text only.
 */
export async function sendEmailNotification(notificationId: string): Promise<{ sent: boolean }> {
  const notification = await db().notification.findUnique({
    where: { id: notificationId },
    include: { user: { select: { email: true, name: true, role: true, disabledAt: true, notifyByEmail: true } } },
  });
  if (!notification) return { sent: false };
  if (notification.agentId) {
    const { user } = notification;
    const agent = await db().agent.findUnique({ where: { id: notification.agentId }, select: { id: true, name: true, status: true } });
    if (!agent || user.role !== "admin" || user.disabledAt || !user.notifyByEmail) return { sent: false };
    const { subject, lines } = describeAgentNotification(agent);
    const link = `${env().APP_URL}/admin/agents/${agent.id}/limits`;
    await mailer().sendMail({
      from: env().SMTP_FROM,
      to: user.email,
      subject,
      text: [
        `Hello ${user.name},`,
        "",
        ...lines,
        "",
        `Review the agent: ${link}`,
        "",
        "You get this because you are an admin of this Countersign installation.",
      ].join("\n"),
    });
    return { sent: true };
  }
  if (!notification.requestId) return { sent: false };
  const found = await findReviewersToNotify(notification.requestId);
  const reviewer = found?.reviewers.find((r) => r.id === notification.userId);
  if (!found || !reviewer || !reviewer.notifyByEmail) return { sent: false };
  const { subject, lines } = describeNotification(ZNotificationKind.parse(notification.kind), found.request);
  const link = `${env().APP_URL}/requests/${found.request.id}`;
  await mailer().sendMail({
    from: env().SMTP_FROM,
    to: reviewer.email,
    subject,
    text: [
      `Hello ${reviewer.name},`,
      "",
      ...lines,
      "",
      `Review it: ${link}`,
      "",
      "You get this because you may approve this request in Countersign.",
    ].join("\n"),
  });
  return { sent: true };
}
