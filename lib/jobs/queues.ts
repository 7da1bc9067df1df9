/** Few queues, named by workload. */
export const QUEUES = {
  /** Periodic housekeeping: sealing the audit chain, expiring overdue requests. */
  maintenance: "maintenance",
} as const;
