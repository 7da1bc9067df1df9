import type { Tx } from "@/lib/platform/db.ts";

/**
 * Makes `groups` the user's groups, creating missing ones. ON CONFLICT DO NOTHING: two users
 * given the same new group at once must not collide (an upsert reads then writes, and loses).
 */
export async function assignGroups(tx: Tx, userId: string, groups: string[]): Promise<void> {
  await tx.userGroup.deleteMany({ where: { userId } });
  if (groups.length === 0) return;
  await tx.group.createMany({ data: groups.map((name) => ({ name })), skipDuplicates: true });
  const rows = await tx.group.findMany({ where: { name: { in: groups } }, select: { id: true } });
  await tx.userGroup.createMany({ data: rows.map((g) => ({ userId, groupId: g.id })) });
}
