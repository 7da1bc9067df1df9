import canonicalize from "canonicalize";
import { sha256Hex } from "./payload-hash.ts";

/**
 * The Idempotency-Key of a submission. A tool call with a `callId` (and optionally a `runId`) in
 * its context always gets the same key — so a retried or replayed call finds its first request
 * instead of creating a second one. Otherwise one random key per call still makes the SDK's own
 * retries after a lost connection safe.
 */
export async function idempotencyKeyFor(action: string, context: Record<string, unknown> | undefined): Promise<string> {
  const callId = context?.callId;
  // An empty call id names no call: two such calls must not share one key.
  if ((typeof callId === "string" && callId !== "") || typeof callId === "number") {
    const runId = context?.runId ?? null;
    return `cs-call-${await sha256Hex(canonicalize([action, runId, callId]) ?? "")}`;
  }
  return `cs-${crypto.randomUUID()}`;
}
