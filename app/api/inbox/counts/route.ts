import { handle, json } from "@/lib/web/handle.ts";
import { requireSessionApi } from "@/lib/web/require-session-api.ts";
import { countUnreadNotifications } from "@/lib/domain/notifications/count-unread-notifications.ts";
import { countInbox } from "@/lib/domain/reviews/count-inbox.ts";
import { otherMethods } from "@/lib/web/method-not-allowed.ts";

export const dynamic = "force-dynamic";

// GET /api/inbox/counts — the navigation badges: requests waiting for this user, unread notifications
export const GET = handle(async () => {
  const actor = await requireSessionApi();
  const [inbox, unread] = await Promise.all([countInbox({ actor }), countUnreadNotifications({ actor })]);
  return json({ inbox, unread });
});

// Other methods: 405 with Allow and the JSON error body
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
