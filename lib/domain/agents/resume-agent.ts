import type { Actor } from "@/lib/domain/auth/actor.ts";
import { setAgentStatus } from "./set-agent-status.ts";

export function resumeAgent(options: { actor: Actor; agentId: string }) {
  return setAgentStatus({ ...options, status: "active" });
}
