import type { Actor } from "@/lib/domain/auth/actor.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { requireReader } from "@/lib/domain/users/require-reader.ts";
import { storedRuleFromRow, type StoredRule } from "./stored-rule.ts";

export type PolicyVersionView = {
  version: number;
  state: string;
  rulesHash: string;
  comment: string | null;
  publishedAt: string | null;
  requests: number;
  rules: StoredRule[];
};

/** Every version of an action type's policy, newest first, with how many requests each decided. */
export async function listPolicyVersions(options: { actor: Actor; action: string }): Promise<PolicyVersionView[]> {
  await requireReader(db(), options.actor);
  const policy = await db().policy.findFirst({
    where: { actionType: { key: options.action } },
    include: {
      versions: {
        where: { state: { not: "draft" } },
        orderBy: { version: "desc" },
        include: { rules: { orderBy: { position: "asc" } }, _count: { select: { requests: true } } },
      },
    },
  });
  if (!policy) throw new AppError("not_found", `No policy for ${options.action}`);
  return policy.versions.map((v) => ({
    version: v.version,
    state: v.state,
    rulesHash: v.rulesHash,
    comment: v.comment,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    requests: v._count.requests,
    rules: v.rules.map(storedRuleFromRow),
  }));
}
