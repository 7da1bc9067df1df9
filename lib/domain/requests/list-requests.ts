import type { AgentActor } from "@/lib/domain/auth/actor.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { REQUEST_VIEW_INCLUDE, toRequestView, type RequestList } from "./request-view.ts";
import type { TListQuery } from "./schemas.ts";

/** The agent's requests, newest first, in pages; the cursor is the last id of the previous page. */
export async function listRequests(options: { actor: AgentActor; query: TListQuery }): Promise<RequestList> {
  const { actor, query } = options;
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await db().approvalRequest.findMany({
    where: { agentId: actor.agentId, ...(query.status ? { status: query.status } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    include: REQUEST_VIEW_INCLUDE,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    requests: page.map(toRequestView),
    nextCursor: rows.length > query.limit && last ? Buffer.from(last.id).toString("base64url") : null,
  };
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError("validation_error", "Invalid cursor", [{ path: "/cursor", message: "invalid" }]);
  return id;
}
