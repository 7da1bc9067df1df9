import { authenticateAgent } from "@/lib/domain/agents/authenticate-agent.ts";

/** Authenticates the calling agent by its API key (401 otherwise); services authorize. */
export function requireAgent(req: Request) {
  return authenticateAgent(req.headers.get("authorization"));
}
