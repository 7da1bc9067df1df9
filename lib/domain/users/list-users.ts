import type { Actor } from "@/lib/domain/auth/actor.ts";
import { db } from "@/lib/platform/db.ts";
import { requireReader } from "./require-reader.ts";

export async function listUsers(options: { actor: Actor }) {
  await requireReader(db(), options.actor);
  const users = await db().user.findMany({
    orderBy: { email: "asc" },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, groups: { select: { group: { select: { name: true } } } } },
  });
  return users.map((u) => ({ ...u, groups: u.groups.map((g) => g.group.name) }));
}
