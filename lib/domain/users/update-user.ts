import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import type { Role } from "@/lib/platform/prisma/enums.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";
import { z } from "zod";
import { assignGroups } from "./assign-groups.ts";
import { requireAdmin } from "./require-admin.ts";
import { ZGroupName, ZRole } from "./schemas.ts";

/**
 * Changes a user's role, groups or disabled state; each change is audited and takes effect on
 * the user's next request, whatever their session says. An admin cannot disable or demote
 * themselves (so the last admin cannot lock everyone out by accident).
 */
export async function updateUser(options: {
  actor: Actor;
  userId: string;
  role?: Role;
  groups?: string[];
  disabled?: boolean;
}): Promise<void> {
  const role = options.role === undefined ? undefined : parseInput(ZRole, options.role, "role");
  const groups = options.groups === undefined ? undefined : [...new Set(parseInput(z.array(ZGroupName), options.groups, "groups"))];
  await db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    const user = await tx.user.findUnique({ where: { id: options.userId }, include: { groups: { include: { group: true } } } });
    if (!user) throw new AppError("not_found", "User not found");
    const self = options.actor.kind === "user" && options.actor.userId === user.id;
    if (self && (options.disabled || (role && role !== "admin"))) throw new AppError("forbidden", "You cannot disable or demote yourself");
    const subject = `user:${user.id}`;
    if (role && role !== user.role) {
      await tx.user.update({ where: { id: user.id }, data: { role } });
      await recordAuditEvent(tx, { type: "user.role_changed", actor: options.actor, subject, data: { from: user.role, to: role } });
    }
    if (options.disabled !== undefined && options.disabled !== (user.disabledAt !== null)) {
      await tx.user.update({ where: { id: user.id }, data: { disabledAt: options.disabled ? new Date() : null } });
      await recordAuditEvent(tx, { type: options.disabled ? "user.disabled" : "user.enabled", actor: options.actor, subject, data: {} });
    }
    const current = user.groups.map((g) => g.group.name).sort();
    if (groups && groups.slice().sort().join() !== current.join()) {
      await assignGroups(tx, user.id, groups);
      await recordAuditEvent(tx, { type: "user.groups_changed", actor: options.actor, subject, data: { from: current, to: groups } });
    }
  });
}
