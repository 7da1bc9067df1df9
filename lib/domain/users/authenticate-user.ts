import { db } from "@/lib/platform/db.ts";
import type { Role } from "@/lib/platform/prisma/enums.ts";
import { hashPassword, verifyPassword } from "./hash-password.ts";

let dummyHash: Promise<string> | undefined;

/**
 * Email + password sign-in. Unknown email, wrong password and disabled account all give null,
 * and an unknown email still costs one argon2 verification, so timing does not reveal which
 * emails exist.
 */
export async function authenticateUser(input: {
  email: string;
  password: string;
}): Promise<{ id: string; email: string; name: string; role: Role } | null> {
  const email = input.email.trim().toLowerCase();
  const user = email.length <= 254 ? await db().user.findUnique({ where: { email } }) : null;
  if (!user) {
    dummyHash ??= hashPassword("countersign-timing-equaliser");
    await verifyPassword(await dummyHash, input.password);
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
