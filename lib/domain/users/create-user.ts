import type { Actor } from "@/lib/domain/auth/actor.ts";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import type { Role } from "@/lib/platform/prisma/enums.ts";
import { assignGroups } from "./assign-groups.ts";
import { hashPassword } from "./hash-password.ts";
import { requireAdmin } from "./require-admin.ts";
import { ZEmail, ZGroupName, ZPassword, ZRole } from "./schemas.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";

export async function createUser(options: { actor: Actor; email: string; password: string; role: Role; groups?: string[]; name?: string }) {
  const email = parseInput(ZEmail, options.email, "email");
  const password = parseInput(ZPassword, options.password, "password");
  const role = parseInput(ZRole, options.role, "role");
  const groups = [...new Set((options.groups ?? []).map((g) => parseInput(ZGroupName, g, "group")))];
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    await requireAdmin(tx, options.actor);
    if (await tx.user.findUnique({ where: { email } })) throw new AppError("conflict", `A user with email ${email} already exists`);
    const user = await tx.user.create({ data: { email, name: options.name ?? email.split("@")[0]!, passwordHash, role } });
    await assignGroups(tx, user.id, groups);
    await recordAuditEvent(tx, { type: "user.created", actor: options.actor, subject: `user:${user.id}`, data: { email, role, groups } });
    return { id: user.id, email, role, groups };
  });
}
