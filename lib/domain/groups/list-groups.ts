import type { Actor } from "@/lib/domain/auth/actor.ts";
import { db } from "@/lib/platform/db.ts";
import { requireReader } from "@/lib/domain/users/require-reader.ts";

/** Groups with their member count and whether chat notifications are set up (never the URL). */
export async function listGroups(options: { actor: Actor }) {
  await requireReader(db(), options.actor);
  const groups = await db().group.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, chatWebhookUrl: true, _count: { select: { members: true } } },
  });
  return groups.map((g) => ({ id: g.id, name: g.name, members: g._count.members, chat: g.chatWebhookUrl !== null }));
}
