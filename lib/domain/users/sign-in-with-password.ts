import { z } from "zod";
import { isStorableText } from "@/lib/kernel/validation/check-json-value.ts";
import { authenticateUser } from "./authenticate-user.ts";
import { clearFailedSignIns, recordFailedSignIn, signInAllowed } from "./sign-in-throttle.ts";

// The sign-in form's fields as next-auth hands them over: whatever the client posted, so any
// shape (an array, an object, U+0000, megabytes). Anything but two plausible strings is simply a
// failed sign-in, never an exception whose message would end up in the error redirect.
const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254).refine(isStorableText),
  password: z.string().min(1).max(1024).refine(isStorableText),
});

/**
 * Email + password sign-in behind the throttle (sign-in-throttle.ts). Returns the user, or null
 * for every kind of failure alike (bad input, unknown email, wrong password, disabled, throttled).
 * `source` is the client's address, for the per-address limit.
 */
export async function signInWithPassword(options: {
  credentials: unknown;
  source: string;
}): Promise<{ id: string; email: string; name: string } | null> {
  const parsed = ZCredentials.safeParse(options.credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  if (!(await signInAllowed(email, options.source))) return null;
  const user = await authenticateUser({ email, password });
  if (!user) {
    await recordFailedSignIn(email, options.source);
    return null;
  }
  await clearFailedSignIns(email, options.source);
  return { id: user.id, email: user.email, name: user.name };
}
