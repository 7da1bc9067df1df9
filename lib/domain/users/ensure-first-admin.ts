import { db } from "@/lib/platform/db.ts";
import { createUser } from "./create-user.ts";

/** For real deployments: creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD only if none exists. */
export async function ensureFirstAdmin(input: { email: string; password: string }): Promise<{ created: boolean }> {
  if ((await db().user.count({ where: { role: "admin" } })) > 0) return { created: false };
  await createUser({
    actor: { kind: "system", name: "bootstrap" },
    email: input.email,
    password: input.password,
    role: "admin",
    name: "Admin",
  });
  return { created: true };
}
