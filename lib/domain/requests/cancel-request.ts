import type { AgentActor } from "@/lib/domain/auth/actor.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { closeRequest, lockRequest } from "./close-request.ts";
import { signalRequestClosed } from "./decision-signal.ts";
import { findAgentRequest } from "./find-agent-request.ts";
import { toRequestView, type RequestView } from "./request-view.ts";

/** The agent withdraws its own pending request. */
export async function cancelRequest(options: { actor: AgentActor; requestId: string }): Promise<RequestView> {
  const { actor, requestId } = options;
  const view = await db().$transaction(async (tx) => {
    await lockRequest(tx, requestId);
    const request = await findAgentRequest(tx, actor, requestId);
    if (request.status !== "pending") throw new AppError("conflict", `Request is already ${request.status}`);
    await closeRequest(tx, { actor, request, status: "cancelled", by: "agent", comment: "Cancelled by the agent" });
    return toRequestView(await findAgentRequest(tx, actor, requestId));
  });
  await signalRequestClosed(requestId);
  return view;
}
