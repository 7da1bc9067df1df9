import { handle } from "@/lib/web/handle.ts";
import { requireSessionApi } from "@/lib/web/require-session-api.ts";
import { openInboxFeed } from "@/lib/domain/reviews/open-inbox-feed.ts";
import { otherMethods } from "@/lib/web/method-not-allowed.ts";

export const dynamic = "force-dynamic";

// GET /api/inbox/events — server-sent events: which requests changed (ids only), for live inboxes
export const GET = handle(async (req) => {
  const actor = await requireSessionApi();
  const stream = await openInboxFeed({ actor, signal: req.signal });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
  });
});

// Other methods: 405 with Allow and the JSON error body
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
