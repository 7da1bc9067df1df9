import type { Actor } from "@/lib/domain/auth/actor.ts";
import { setAgentStatus } from "./set-agent-status.ts";

/** A paused agent can still read and cancel its requests but cannot submit new ones. */
export function pauseAgent(options: { actor: Actor; agentId: string }) {
  return setAgentStatus({ ...options, status: "paused" });
}
