import type { AgentActor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { canonicalJson, sha256Hex } from "@/lib/kernel/json/canonical-json.ts";
import { recordStrike } from "@/lib/domain/limits/record-strike.ts";
import { afterStrike } from "@/lib/domain/limits/trip-breaker.ts";
import { checkResultReceipt } from "@/lib/domain/receipts/check-result-receipt.ts";
import { db } from "@/lib/platform/db.ts";
import { findAgentRequest } from "./find-agent-request.ts";
import { toRequestView, type RequestView } from "./request-view.ts";
import { sealExecution } from "./sealed-request.ts";
import type { TResultBody } from "./schemas.ts";

/**
 * The agent reports how executing an approved action went; recorded once, and only with the
 * request's own approval receipt (an expired one is accepted and the audit event says so).
 */
export async function reportResult(options: { actor: AgentActor; requestId: string; result: TResultBody }): Promise<RequestView> {
  const { actor, requestId, result } = options;
  const view = await db().$transaction(async (tx) => {
    const request = await findAgentRequest(tx, actor, requestId);
    if (request.status !== "approved")
      throw new AppError("conflict", `Only approved requests take a result; this one is ${request.status}`);
    const receipt = await checkResultReceipt(tx, request, result.receipt);
    const updated = await tx.approvalRequest.updateMany({
      where: { id: requestId, status: "approved", executionStatus: null },
      data: {
        executionStatus: result.status,
        ...sealExecution(requestId, result),
        executedAt: new Date(),
      },
    });
    if (updated.count !== 1) throw new AppError("conflict", "A result was already recorded for this request");
    await recordAuditEvent(tx, {
      type: "request.executed",
      actor,
      subject: `request:${requestId}`,
      data: {
        status: result.status,
        outputHash: result.output === undefined ? null : `sha256:${sha256Hex(canonicalJson(result.output))}`,
        // The audit trail is never encrypted, so it holds hashes of what the agent reported, not the text.
        errorHash: result.error === undefined ? null : `sha256:${sha256Hex(result.error)}`,
        receiptExpired: receipt.expired,
      },
    });
    if (result.status === "failed") await recordStrike(tx, { agentId: actor.agentId, kind: "failed_execution", detail: requestId });
    return toRequestView(await findAgentRequest(tx, actor, requestId));
  });
  if (result.status === "failed") await afterStrike(actor.agentId);
  return view;
}
