import { AppError } from "@/lib/kernel/errors.ts";
import { env } from "@/lib/platform/env.ts";
import { getSessionActor } from "./session.ts";

/**
 * Guards a cookie-authenticated mutation against cross-site use: the body must be JSON (a
 * cross-site form cannot send that without a CORS preflight we never grant) and the Origin must
 * be the app's own. Then the session must exist; the service re-reads the user's role.
 */
export async function requireReviewerSession(req: Request) {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new AppError("unsupported_media_type", "Content-Type must be application/json");
  }
  const origin = req.headers.get("origin");
  if (!origin || origin !== new URL(env().APP_URL).origin) {
    throw new AppError("forbidden", "Cross-site request refused");
  }
  const actor = await getSessionActor();
  if (!actor) throw new AppError("unauthorized", "Sign in to decide requests");
  return actor;
}
