import { AppError } from "@/lib/kernel/errors.ts";

// The pending count is a row per agent (agent_counters), kept by triggers on approval_requests
// (migration …_hot_path) and checked by the submission's own write (write-submission.ts): it
// costs the same with 2 or 2,000 requests pending, and holds exactly under concurrency.

/** The refusal at the agent's maximum of pending requests (429, retry in 30 s). */
export const tooManyPending = (max: number) =>
  new AppError(
    "rate_limited",
    `This agent already has ${max} pending requests, its maximum; wait for decisions`,
    { limit: "max_pending", maxPending: max },
    30,
  );
