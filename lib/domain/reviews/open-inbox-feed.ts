import type { UserActor } from "@/lib/domain/auth/actor.ts";
import {
  requestChangesLive,
  requestChangesReady,
  subscribeRequestChanges,
  type RequestChange,
} from "@/lib/domain/requests/request-change-feed.ts";
import { db } from "@/lib/platform/db.ts";
import { loadReviewerFacts } from "@/lib/domain/users/load-reviewer-facts.ts";

const HEARTBEAT_MS = 20_000;
// A stream ends after this long and the browser reconnects (EventSource does so by itself), so the
// session is re-checked at least this often and a stale connection cannot outlive a sign-out.
const MAX_STREAM_MS = 5 * 60_000;

const encoder = new TextEncoder();
const frame = (event: string, data: unknown) => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/**
 * The live inbox as a server-sent event stream: `change` events naming a request id and what
 * happened to it ("created", "reviewed", "escalated", "notified", "closed"), `ready` with whether changes reach
 * this instance now. Ids only, never content: the browser re-reads its inbox through listInbox,
 * which authorizes. Every user who may sign in may read every request (docs/REVIEWING.md), so
 * an id tells nobody anything they could not open. The user is re-read at start and at every
 * heartbeat: a disabled account's stream ends at once.
 */
export async function openInboxFeed(options: { actor: UserActor; signal: AbortSignal }): Promise<ReadableStream<Uint8Array>> {
  const userId = options.actor.userId;
  await loadReviewerFacts(db(), userId);
  // The first stream of a fresh instance waits for its subscription, so no early change is missed.
  await requestChangesReady();
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let live = requestChangesLive();
      const send = (chunk: Uint8Array) => {
        if (!closed) controller.enqueue(chunk);
      };
      const unsubscribe = subscribeRequestChanges((change: RequestChange) => send(frame("change", change)));
      const heartbeat = setInterval(() => {
        loadReviewerFacts(db(), userId).then(
          () => {
            const nowLive = requestChangesLive();
            if (nowLive !== live) send(frame("ready", { live: (live = nowLive) }));
            send(encoder.encode(": ping\n\n"));
          },
          () => stop(),
        );
      }, HEARTBEAT_MS);
      const lifetime = setTimeout(() => stop(), MAX_STREAM_MS);
      stop = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        options.signal.removeEventListener("abort", stop);
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      options.signal.addEventListener("abort", stop, { once: true });
      send(encoder.encode("retry: 3000\n\n"));
      send(frame("ready", { live }));
    },
    cancel() {
      stop();
    },
  });
}
