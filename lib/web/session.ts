import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { authOptions } from "@/lib/web/auth-options.ts";

/** The signed-in user as an actor, or null. Only the id is taken from the session. */
export async function getSessionActor(): Promise<UserActor | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? { kind: "user", userId: id } : null;
}

/** For pages: the actor, or a redirect to the sign-in page that comes back here. */
export async function requireSessionActor(returnTo: string): Promise<UserActor> {
  const actor = await getSessionActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
