import type { Actor } from "@/lib/domain/auth/actor.ts";
import { db } from "@/lib/platform/db.ts";
import { requireReader } from "@/lib/domain/users/require-reader.ts";

/** Every action type with its published policy version and whether a draft is waiting. */
export async function listPolicies(options: { actor: Actor }) {
  await requireReader(db(), options.actor);
  const types = await db().actionType.findMany({
    orderBy: { key: "asc" },
    include: {
      policy: {
        include: {
          publishedVersion: { select: { version: true, _count: { select: { rules: true } } } },
          versions: { where: { state: "draft" }, select: { id: true } },
        },
      },
    },
  });
  return types.map((t) => ({
    key: t.key,
    name: t.name,
    riskLevel: t.riskLevel,
    version: t.policy?.publishedVersion?.version ?? null,
    rules: t.policy?.publishedVersion?._count.rules ?? 0,
    hasDraft: (t.policy?.versions.length ?? 0) > 0,
  }));
}
