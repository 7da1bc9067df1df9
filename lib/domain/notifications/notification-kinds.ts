import { z } from "zod";

export const ZNotificationKind = z.enum(["request.pending", "request.reminder", "request.escalated"]);
export type TNotificationKind = z.infer<typeof ZNotificationKind>;

/**
 * The words of a notification. Only platform facts (action type, agent name as the admin named
 * it, risk level, deadline) and a link to this app: nothing the agent wrote, so a hostile
 * summary cannot phish reviewers through their mailbox or chat.
 */
export function describeNotification(
  kind: TNotificationKind,
  r: { actionName: string; action: string; agentName: string; riskLevel: string; expiresAt: Date },
) {
  const lead = {
    "request.pending": "waits for your review",
    "request.reminder": "still waits for your review and expires soon",
    "request.escalated": "was escalated to your group",
  }[kind];
  const subject = `${kind === "request.reminder" ? "Reminder: " : ""}${r.actionName} from ${r.agentName} ${lead}`;
  const lines = [
    `${r.actionName} (${r.action}, ${r.riskLevel} risk) requested by agent ${r.agentName} ${lead}.`,
    `Deadline: ${r.expiresAt.toISOString()}`,
  ];
  return { subject, lines };
}

/** The words of an admin notification about an agent the circuit breaker paused. */
export function describeAgentNotification(agent: { name: string; status: string }) {
  return {
    subject: `Agent ${agent.name} was paused by the circuit breaker`,
    lines: [
      `The circuit breaker paused agent ${agent.name}: too many rejections, failed executions or limit hits in its window.`,
      `It cannot submit until an admin resumes it (now ${agent.status}).`,
    ],
  };
}
