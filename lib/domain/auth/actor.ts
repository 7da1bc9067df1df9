import type { Role } from "@/lib/platform/prisma/enums.ts";

/**
 * Who is acting. Routes and the CLI establish the actor (authentication); services decide what it
 * may do (authorization). A user actor carries only its id: services re-read role and disabled
 * state from the database, so a demoted or disabled user's old session grants nothing.
 */
export type AgentActor = {
  kind: "agent";
  agentId: string;
  agentName: string;
  ownerId: string | null;
  scopes: string[];
  apiKeyId: string;
};
export type UserActor = { kind: "user"; userId: string };
export type SystemActor = { kind: "system"; name: string };
export type CliActor = { kind: "cli" };

export type Actor = AgentActor | UserActor | SystemActor | CliActor;

export type { Role };

export function actorRef(actor: Actor): { actorType: string; actorId: string | null } {
  switch (actor.kind) {
    case "agent":
      return { actorType: "agent", actorId: actor.agentId };
    case "user":
      return { actorType: "user", actorId: actor.userId };
    case "system":
      return { actorType: "system", actorId: actor.name };
    case "cli":
      return { actorType: "cli", actorId: null };
  }
}
