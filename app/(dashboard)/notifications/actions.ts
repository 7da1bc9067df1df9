"use server";

import { revalidatePath } from "next/cache";
import { requireSessionActor } from "@/lib/web/session.ts";
import { markNotificationsRead } from "@/lib/domain/notifications/mark-notifications-read.ts";

export async function markAllReadAction() {
  const actor = await requireSessionActor("/notifications");
  await markNotificationsRead({ actor });
  revalidatePath("/", "layout");
}
