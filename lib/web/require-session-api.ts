import { AppError } from "@/lib/kernel/errors.ts";
import { getSessionActor } from "./session.ts";

/** For cookie-authenticated reads (GET): the signed-in user, or 401. The service re-reads the role. */
export async function requireSessionApi() {
  const actor = await getSessionActor();
  if (!actor) throw new AppError("unauthorized", "Sign in first");
  return actor;
}
