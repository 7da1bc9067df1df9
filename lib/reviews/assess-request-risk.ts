import type { UserActor } from "@/lib/auth/actor.ts";
import { AppError } from "@/lib/errors.ts";
import { isRiskFlag, RISK_FLAGS } from "@/lib/inspection/risk-flags.ts";
import { db } from "@/lib/server/db.ts";
import { loadReviewerFacts } from "@/lib/users/load-reviewer-facts.ts";
import { currentProposal } from "./current-proposal.ts";

/** How many of the agent's latest approved requests of the same type a recipient is looked up in. */
export const RECIPIENT_LOOKBACK = 1000;
const MAX_RECIPIENTS = 20;

export type RiskFinding = { name: string; title: string; description: string };
export type RecipientFinding = { field: string; recipients: { value: string; seenBefore: boolean }[]; lookback: number };
export type RiskAssessment = { flags: RiskFinding[]; score: number; recipient: RecipientFinding | null };

/** "/to" → ["to"]; "/a~1b/0" → ["a/b", "0"] (RFC 6901). */
function pointerPath(pointer: string): string[] {
  return pointer.split("/").slice(1).map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
}

function valueAt(value: unknown, path: string[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * What the platform itself found about a request, for the request page's risk banner: the risk
 * flags the detectors stored on it (with their catalogue titles; an unknown name is shown as is),
 * its score, and — when its action type names a recipient field — whether each recipient of the
 * payload being approved appears in the agent's last RECIPIENT_LOOKBACK approved requests of this
 * type (a bounded look-back: the page says so). Never anything the agent wrote about itself.
 */
export async function assessRequestRisk(options: { actor: UserActor; requestId: string }): Promise<RiskAssessment> {
  await loadReviewerFacts(db(), options.actor.userId);
  const r = await db().approvalRequest.findUnique({
    where: { id: options.requestId },
    select: {
      id: true, agentId: true, actionTypeId: true, riskFlags: true, riskScore: true, payload: true, payloadHash: true, approvingGroups: true,
      actionType: { select: { recipientField: true } },
      rule: { select: { distinctGroups: true } },
      reviews: { orderBy: { createdAt: "asc" }, select: { outcome: true, payloadHash: true, editedPayload: true, groupName: true } },
    },
  });
  if (!r) throw new AppError("not_found", "Request not found");
  const flags = r.riskFlags.map((name) =>
    isRiskFlag(name) ? { name, title: RISK_FLAGS[name].title, description: RISK_FLAGS[name].description } : { name, title: name, description: "A flag this version does not describe." },
  );
  const field = r.actionType.recipientField;
  if (!field || r.payload === null) return { flags, score: r.riskScore, recipient: null };

  const proposal = currentProposal(r, { distinctGroups: (r.rule?.distinctGroups ?? false) && r.approvingGroups.length > 0 });
  const path = pointerPath(field);
  const raw = valueAt(proposal.payload, path);
  const values = [...new Set((Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === "string" && v.length > 0))].slice(0, MAX_RECIPIENTS);
  if (values.length === 0) return { flags, score: r.riskScore, recipient: null };
  const seen = await db().$queryRaw<{ value: string }[]>`
    SELECT v.value FROM unnest(${values}::text[]) AS v(value)
    WHERE EXISTS (
      SELECT 1 FROM (
        SELECT "approvedPayload" #> ${path}::text[] AS recipient FROM approval_requests
        WHERE "agentId" = ${r.agentId}::uuid AND "actionTypeId" = ${r.actionTypeId}::uuid AND status = 'approved' AND id <> ${r.id}::uuid
        ORDER BY "decidedAt" DESC LIMIT ${RECIPIENT_LOOKBACK}
      ) recent
      WHERE recent.recipient = to_jsonb(v.value) OR recent.recipient @> jsonb_build_array(v.value)
    )`;
  const seenSet = new Set(seen.map((s) => s.value));
  return {
    flags,
    score: r.riskScore,
    recipient: { field, recipients: values.map((value) => ({ value, seenBefore: seenSet.has(value) })), lookback: RECIPIENT_LOOKBACK },
  };
}
