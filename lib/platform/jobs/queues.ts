/** Few queues, named by workload. */
export const QUEUES = {
  /** Periodic housekeeping and request timers: sealing the audit chain, expiry, reminders, sweeps. */
  maintenance: "maintenance",
  /** Everything that leaves the system: outbox dispatch, webhooks, email, chat notifications. */
  delivery: "delivery",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
