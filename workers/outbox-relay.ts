// The outbox relay loop of the worker process: woken by Postgres NOTIFY at each commit that wrote
// an outbox row, and by a poll as a safety net (a missed notification, or Redis coming back after
// an outage: rows written meanwhile wait in Postgres and go out on the next pass).
import pg from "pg";
import { OUTBOX_CHANNEL } from "@/lib/domain/outbox/enqueue-outbox-event.ts";
import { relayOutboxBatch } from "@/lib/domain/outbox/relay-outbox.ts";
import { databaseUrl } from "@/lib/platform/env.ts";
import { logger } from "@/lib/platform/logger.ts";

const log = logger.child({ component: "outbox-relay" });

export function startOutboxRelay(options: { pollIntervalMs: number }): { stop: () => Promise<void> } {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let listener: pg.Client | null = null;

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

  const listen = async () => {
    if (stopped) return;
    const client = new pg.Client({ connectionString: databaseUrl() });
    client.on("notification", wake);
    client.on("error", (err) => {
      log.warn({ err }, "outbox listener lost its connection; polling until it is back");
      listener = null;
      client.end().catch(() => {});
      setTimeout(() => void listen(), 2000);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      listener = client;
      wake();
    } catch (err) {
      log.warn({ err }, "outbox listener could not connect; retrying");
      client.end().catch(() => {});
      if (!stopped) setTimeout(() => void listen(), 2000);
    }
  };

  void listen();
  const poll = setInterval(wake, options.pollIntervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(poll);
      await running;
      await listener?.end().catch(() => {});
    },
  };
}
