"use server";

import { revalidatePath } from "next/cache";
import type { Role } from "@/lib/auth/actor.ts";
import { setGroupChatWebhook } from "@/lib/groups/set-group-chat-webhook.ts";
import { createUser } from "@/lib/users/create-user.ts";
import { updateUser } from "@/lib/users/update-user.ts";
import { runAdminAction } from "../run-admin-action.ts";

const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

export async function createUserAction(input: { email: string; name: string; password: string; role: Role; groups: string }) {
  const result = await runAdminAction((actor) =>
    createUser({ actor, email: input.email, name: input.name || undefined, password: input.password, role: input.role, groups: list(input.groups) }),
  );
  revalidatePath("/admin/users");
  return result;
}

export async function updateUserAction(userId: string, input: { role?: Role; groups?: string; disabled?: boolean }) {
  const result = await runAdminAction((actor) =>
    updateUser({ actor, userId, role: input.role, groups: input.groups === undefined ? undefined : list(input.groups), disabled: input.disabled }),
  );
  revalidatePath("/admin/users");
  return result;
}

export async function setGroupChatAction(group: string, url: string | null) {
  const result = await runAdminAction((actor) => setGroupChatWebhook({ actor, group, url: url?.trim() || null }));
  revalidatePath("/admin/users");
  return result;
}
