// The outbox relay loop of the worker process: woken by Postgres NOTIFY at each commit that wrote
// an outbox row, and by a poll as a safety net (a missed notification, or Redis coming back after
// an outage: rows written meanwhile wait in Postgres and go out on the next pass).
import { OUTBOX_CHANNEL } from "@/lib/domain/outbox/enqueue-outbox-event.ts";
import { relayOutboxBatch } from "@/lib/domain/outbox/relay-outbox.ts";
import { logger } from "@/lib/platform/logger.ts";
import { listenToPostgres } from "@/lib/platform/pg-listener.ts";

const log = logger.child({ component: "outbox-relay" });

export function startOutboxRelay(options: { pollIntervalMs: number }): { stop: () => Promise<void> } {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;

  const pass = async () => {
    try {
      while (!stopped && (await relayOutboxBatch()) > 0);
    } catch (err) {
      log.warn({ err }, "outbox relay pass failed; rows stay pending for the next pass");
    }
  };
  // One pass at a time; a wake-up during a pass schedules exactly one more.
  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().finally(() => {
      running = null;
      if (again) {
        again = false;
        wake();
      }
    });
  };

  // Connected again after a loss: rows written meanwhile go out at once, not at the next poll.
  const listener = listenToPostgres({
    name: "outbox-relay",
    channel: OUTBOX_CHANNEL,
    onNotification: wake,
    onLive: (live) => live && wake(),
  });
  const poll = setInterval(wake, options.pollIntervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(poll);
      await running;
      await listener.stop();
    },
  };
}
