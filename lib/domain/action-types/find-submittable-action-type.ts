import { PUBLISHED_POLICY_INCLUDE } from "@/lib/domain/policies/evaluate-policy.ts";
import { freshCache } from "@/lib/platform/cache/fresh-cache.ts";
import { db } from "@/lib/platform/db.ts";

function loadActionType(key: string) {
  return db().actionType.findUnique({ where: { key }, include: PUBLISHED_POLICY_INCLUDE });
}

// A publish, a config apply or an edit of the action type reaches every instance at commit
// (fresh-cache.ts); the next submission is judged by it, and never more than a second later.
const actionTypes = freshCache({ tables: ["action_types", "policies", "policy_versions", "policy_rules"], load: loadActionType });

/** The action type a submission is judged by, with its published policy's rules; null if unknown. */
export function findSubmittableActionType(key: string) {
  return actionTypes.get(key);
}
