import type { Actor } from "@/lib/auth/actor.ts";
import { recordAuditEvent } from "@/lib/audit/record-audit-event.ts";
import { AppError } from "@/lib/errors.ts";
import { db } from "@/lib/server/db.ts";
import type { Role } from "@/lib/server/prisma/enums.ts";
import { requireAdmin } from "./require-admin.ts";

/** Changes a user's role; it takes effect on their next request, whatever their session says. */
export async function setUserRole(options: { actor: Actor; userId: string; role: Role }): Promise<void> {
  await db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    const user = await tx.user.findUnique({ where: { id: options.userId } });
    if (!user) throw new AppError("not_found", "User not found");
    if (user.role === options.role) return;
    await tx.user.update({ where: { id: user.id }, data: { role: options.role } });
    await recordAuditEvent(tx, { type: "user.role_changed", actor: options.actor, subject: `user:${user.id}`, data: { from: user.role, to: options.role } });
  });
}
