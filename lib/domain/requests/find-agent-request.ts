import type { AgentActor } from "@/lib/domain/auth/actor.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import type { Tx } from "@/lib/platform/db.ts";
import { REQUEST_VIEW_INCLUDE, type RequestRow } from "./request-view.ts";

/** One of the agent's own requests; another agent's request is indistinguishable from none. */
export async function findAgentRequest(tx: Tx, actor: AgentActor, requestId: string): Promise<RequestRow> {
  const row = await tx.approvalRequest.findFirst({
    where: { id: requestId, agentId: actor.agentId },
    include: REQUEST_VIEW_INCLUDE,
  });
  if (!row) throw new AppError("not_found", "Request not found");
  return row;
}
