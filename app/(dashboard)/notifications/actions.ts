"use server";

import { revalidatePath } from "next/cache";
import { requireSessionActor } from "@/lib/http/session.ts";
import { markNotificationsRead } from "@/lib/notifications/list-notifications.ts";

export async function markAllReadAction() {
  const actor = await requireSessionActor("/notifications");
  await markNotificationsRead({ actor });
  revalidatePath("/", "layout");
}
