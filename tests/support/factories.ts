// Test data through the same services the seed and the CLI use. Every call makes unique data, so
// tests run in parallel and in any order on one database.
import { randomBytes } from "node:crypto";
import { createAgent } from "@/lib/domain/agents/create-agent.ts";
import { applyConfig } from "@/lib/domain/config/apply-config.ts";
import { createUser } from "@/lib/domain/users/create-user.ts";

const CLI = { kind: "cli" } as const;
const unique = () => randomBytes(5).toString("hex");

export async function createTestUser(options: { role: "admin" | "reviewer" | "auditor"; groups?: string[]; password?: string }) {
  const email = `${options.role}-${unique()}@example.test`;
  const password = options.password ?? `pw-${randomBytes(12).toString("base64url")}`;
  const name = `${options.role} ${unique()}`;
  const user = await createUser({ actor: CLI, email, password, role: options.role, groups: options.groups, name });
  return { id: user.id, email, password, name };
}

export async function createTestAgent(options: { scopes?: string[]; ownerEmail?: string } = {}) {
  const name = `agent-${unique()}`;
  const { agentId, apiKey } = await createAgent({ actor: CLI, name, scopes: options.scopes ?? ["*"], ownerEmail: options.ownerEmail });
  return { agentId, apiKey, name };
}

/** An action type with a policy; by default any payload object is valid and every request is reviewed. */
export async function createTestActionType(
  options: { key?: string; schema?: object; rules?: unknown[]; allowEdit?: boolean; recipientField?: string } = {},
) {
  const key = options.key ?? `t${unique()}.transfer`;
  await applyConfig({
    actor: CLI,
    format: "json",
    source: JSON.stringify({
      actionTypes: [
        {
          key,
          name: `Test ${key}`,
          riskLevel: "high",
          allowEdit: options.allowEdit ?? false,
          payloadSchema: options.schema ?? { type: "object" },
          ...(options.recipientField ? { recipientField: options.recipientField } : {}),
        },
      ],
      policies: [{ action: key, rules: options.rules ?? [{ name: "review", outcome: "review" }] }],
    }),
  });
  return { key };
}

/** An action type with the guardrail settings (sensitive fields, budget field, automatic rejects). */
export async function createGuardedActionType(options: {
  schema?: object;
  rules: unknown[];
  sensitiveFields?: string[];
  budgetField?: string;
  autoRejectFlags?: string[];
  allowEdit?: boolean;
  recipientField?: string;
}) {
  const key = `g${unique()}.action`;
  await applyConfig({
    actor: CLI,
    format: "json",
    source: JSON.stringify({
      actionTypes: [
        {
          key,
          name: `Guarded ${key}`,
          riskLevel: "high",
          allowEdit: options.allowEdit ?? false,
          payloadSchema: options.schema ?? { type: "object" },
          sensitiveFields: options.sensitiveFields ?? [],
          ...(options.budgetField ? { budgetField: options.budgetField } : {}),
          autoRejectFlags: options.autoRejectFlags ?? [],
          ...(options.recipientField ? { recipientField: options.recipientField } : {}),
        },
      ],
      policies: [{ action: key, rules: options.rules }],
    }),
  });
  return { key };
}

/**
 * Sets the platform's risk findings on a request, as the submission-time detectors would: the
 * reviewer pages read these columns, whichever detector filled them.
 */
export async function setRequestRisk(requestId: string, flags: string[], score?: number) {
  const { db } = await import("@/lib/platform/db.ts");
  const { riskScore } = await import("@/lib/domain/inspection/risk-flags.ts");
  await db().approvalRequest.update({ where: { id: requestId }, data: { riskFlags: flags, riskScore: score ?? riskScore(flags) } });
}
