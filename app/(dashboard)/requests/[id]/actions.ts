"use server";

import { z } from "zod";
import { SESSION_ENDED, toActionResult } from "@/lib/web/errors/to-action-result.ts";
import { getSessionActor } from "@/lib/web/session.ts";
import { previewEdit, type EditPreview } from "@/lib/domain/reviews/preview-edit.ts";
import { ZPayloadHash } from "@/lib/domain/reviews/schemas.ts";

export type EditPreviewResult = EditPreview | { ok: false; check: "error"; message: string };

const ZPreviewArgs = z.object({ requestId: z.uuid(), payload: z.json(), payloadHash: ZPayloadHash });

// Server action of the request page: what an edit would do (rule, groups, quorum), before the
// reviewer confirms it; the same re-evaluation the decision service runs, writing nothing.
export async function previewEditAction(requestId: string, payload: unknown, payloadHash: string): Promise<EditPreviewResult> {
  const actor = await getSessionActor();
  if (!actor) return { ok: false, check: "error", message: SESSION_ENDED };
  const args = ZPreviewArgs.safeParse({ requestId, payload, payloadHash });
  if (!args.success) return { ok: false, check: "error", message: "The edit could not be read." };
  try {
    return await previewEdit({ actor, ...args.data });
  } catch (e) {
    return { ok: false, check: "error", message: toActionResult(e).error };
  }
}
