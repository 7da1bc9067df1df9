import pg from "pg";
import { databaseUrl } from "./env.ts";
import { logger } from "./logger.ts";

const RECONNECT_MS = 1000;

export type PgListener = {
  /** Whether notifications reach this process now. */
  live: () => boolean;
  stop: () => Promise<void>;
};

/**
 * A dedicated connection that LISTENs on `channel` and reconnects by itself. PostgreSQL sends a
 * notification only when the transaction that raised it commits. `onLive(true)` runs after each
 * (re)connection — notifications raised while disconnected are lost, so the caller catches up
 * then — and `onLive(false)` when the connection is lost.
 */
export function listenToPostgres(options: {
  channel: string;
  onNotification: (payload: string) => void;
  onLive: (live: boolean) => void;
  name: string;
}): PgListener {
  const log = logger.child({ component: options.name });
  let stopped = false;
  let client: pg.Client | null = null;
  let live = false;
  const setLive = (next: boolean) => {
    if (live === next) return;
    live = next;
    options.onLive(next);
  };

  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: databaseUrl(), keepAlive: true });
    c.on("notification", (msg) => options.onNotification(msg.payload ?? ""));
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      if (client === c) client = null;
      setLive(false);
      c.end().catch(() => {});
      if (!stopped) {
        log.warn({ err }, "lost its PostgreSQL listener connection; reconnecting");
        setTimeout(() => void connect(), RECONNECT_MS).unref();
      }
    };
    c.on("error", fail);
    c.on("end", () => fail(new Error("connection ended")));
    try {
      await c.connect();
      await c.query(`LISTEN ${options.channel}`);
      if (stopped) return void c.end().catch(() => {});
      client = c;
      setLive(true);
    } catch (err) {
      fail(err);
    }
  };
  void connect();

  return {
    live: () => live,
    stop: async () => {
      stopped = true;
      setLive(false);
      await client?.end().catch(() => {});
    },
  };
}
