import type { Actor } from "@/lib/domain/auth/actor.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { loadReviewerFacts } from "@/lib/domain/users/load-reviewer-facts.ts";
import { requireReader } from "@/lib/domain/users/require-reader.ts";
import { comparePolicyRules } from "./compare-policy-versions.ts";
import { configRuleFromStored, storedRuleFromRow } from "./stored-rule.ts";

/** What the policy page shows: the action type, the published rules, the draft, the versions. */
export async function getPolicyEditor(options: { actor: Actor; action: string }) {
  await requireReader(db(), options.actor);
  const canEdit = options.actor.kind !== "user" || (await loadReviewerFacts(db(), options.actor.userId)).role === "admin";
  const actionType = await db().actionType.findUnique({
    where: { key: options.action },
    include: {
      policy: {
        include: {
          versions: {
            orderBy: { version: "desc" },
            include: { rules: { orderBy: { position: "asc" } }, _count: { select: { requests: true } } },
          },
        },
      },
    },
  });
  if (!actionType) throw new AppError("not_found", `Unknown action ${options.action}`);
  const versions = actionType.policy?.versions ?? [];
  const toConfig = (rules: Parameters<typeof storedRuleFromRow>[0][]) => rules.map((r) => configRuleFromStored(storedRuleFromRow(r)));
  const draft = versions.find((v) => v.state === "draft");
  const published = versions.find((v) => v.state === "published");
  const numbered = versions.filter((v) => v.state !== "draft");
  return {
    canEdit,
    actionType: {
      key: actionType.key,
      name: actionType.name,
      riskLevel: actionType.riskLevel,
      allowEdit: actionType.allowEdit,
      payloadSchema: actionType.payloadSchema,
    },
    published: published ? { version: published.version, rules: toConfig(published.rules) } : null,
    draft: draft ? { rules: toConfig(draft.rules) } : null,
    versions: numbered.map((v, i) => ({
      version: v.version,
      state: v.state,
      comment: v.comment,
      publishedAt: v.publishedAt,
      requests: v._count.requests,
      // Versions are newest first: each is compared with the one before it.
      changes: numbered[i + 1] ? comparePolicyRules(numbered[i + 1]!.rules.map(storedRuleFromRow), v.rules.map(storedRuleFromRow)) : null,
    })),
  };
}

export type PolicyEditorView = Awaited<ReturnType<typeof getPolicyEditor>>;
