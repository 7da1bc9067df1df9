import type { UserActor } from "@/lib/domain/auth/actor.ts";
import { db } from "@/lib/platform/db.ts";
import { loadReviewerFacts } from "@/lib/domain/users/load-reviewer-facts.ts";

const MAX_AGENTS = 500;

/** The choices of the inbox and history filters: action types and agents (by name, at most MAX_AGENTS). */
export async function listInboxFilterOptions(options: { actor: UserActor }) {
  await loadReviewerFacts(db(), options.actor.userId);
  const [actionTypes, agents] = await Promise.all([
    db().actionType.findMany({ orderBy: { key: "asc" }, select: { key: true, name: true } }),
    db().agent.findMany({ orderBy: { name: "asc" }, take: MAX_AGENTS, select: { id: true, name: true } }),
  ]);
  return { actionTypes, agents };
}
