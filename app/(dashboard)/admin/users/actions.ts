"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Role } from "@/lib/domain/auth/actor.ts";
import { setGroupChatWebhook } from "@/lib/domain/groups/set-group-chat-webhook.ts";
import { createUser } from "@/lib/domain/users/create-user.ts";
import { updateUser } from "@/lib/domain/users/update-user.ts";
import { parseInput } from "@/lib/kernel/validation/parse-input.ts";
import { runAdminAction } from "../run-admin-action.ts";

// Arguments arrive from the client as any value: checked first (inside runAdminAction, so a
// mismatch is a refusal shown on the form, not a TypeError's or a database error's 500).

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
const ZRole = z.enum(["admin", "reviewer", "auditor"]);

export async function createUserAction(input: { email: string; name: string; password: string; role: Role; groups: string }) {
  const result = await runAdminAction((actor) => {
    const a = parseInput(z.object({ email: z.string(), name: z.string(), password: z.string(), role: ZRole, groups: z.string() }), input);
    return createUser({ actor, email: a.email, name: a.name || undefined, password: a.password, role: a.role, groups: list(a.groups) });
  });
  revalidatePath("/admin/users");
  return result;
}

export async function updateUserAction(userId: string, input: { role?: Role; groups?: string; disabled?: boolean }) {
  const result = await runAdminAction((actor) => {
    const [id, a] = parseInput(
      z.tuple([z.uuid(), z.object({ role: ZRole.optional(), groups: z.string().optional(), disabled: z.boolean().optional() })]),
      [userId, input],
    );
    return updateUser({
      actor,
      userId: id,
      role: a.role,
      groups: a.groups === undefined ? undefined : list(a.groups),
      disabled: a.disabled,
    });
  });
  revalidatePath("/admin/users");
  return result;
}

export async function setGroupChatAction(group: string, url: string | null) {
  const result = await runAdminAction((actor) => {
    const [name, target] = parseInput(z.tuple([z.string(), z.string().nullable()]), [group, url]);
    return setGroupChatWebhook({ actor, group: name, url: target?.trim() || null });
  });
  revalidatePath("/admin/users");
  return result;
}
