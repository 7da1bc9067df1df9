import { randomBytes } from "node:crypto";
import path from "node:path";
import { Redis } from "ioredis";
import { generateKeyRingEntry } from "@/lib/platform/crypto/key-ring.ts";
import { applyMigrations } from "@/lib/platform/migrate.ts";
import { startApp, stopApp, waitForHttp, type AppProcess } from "./app-processes.ts";
import { buildIfNeeded } from "./build-if-needed.ts";
import { freePort } from "./free-port.ts";
import { freshDatabase } from "./fresh-database.ts";
import { startServices } from "./local-services.ts";

export type Stack = { appUrl: string; env: NodeJS.ProcessEnv; app: AppProcess[]; stop: () => Promise<void> };

/**
 * A throw-away copy of the whole product for the test suite and the benchmarks: local services
 * under `dataDir` (or DATABASE_URL / REDIS_URL), a fresh database, an empty Redis, migrations,
 * the production build, and the web app and worker started exactly as `npm start` starts them.
 */
export async function startStack(options: {
  name: string;
  preferredPorts: { pg: number; redis: number; web: number };
  env?: Record<string, string>;
  log: (line: string) => void;
  appOutput?: (line: string) => void;
}): Promise<Stack> {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  process.env.CHECKPOINT_DISABLE = "1";
  const externalDb = process.env.DATABASE_URL;
  if (!externalDb) {
    process.env.LOCAL_PG_PORT ??= String(await freePort(options.preferredPorts.pg));
    process.env.LOCAL_REDIS_PORT ??= String(await freePort(options.preferredPorts.redis));
  }
  const services = await startServices({ dataDir: path.resolve(`.data/${options.name}`), database: "postgres", log: options.log });
  let databaseUrl: string;
  try {
    databaseUrl = await freshDatabase(externalDb ?? services.env.DATABASE_URL, `countersign_${options.name}`);
    const redis = new Redis(services.env.REDIS_URL);
    await redis.flushall();
    redis.disconnect();
    await applyMigrations(databaseUrl);
    await buildIfNeeded(options.log);
  } catch (e) {
    // A failed build must not leave the services it started running.
    await services.stop();
    throw e;
  }

  const port = await freePort(options.preferredPorts.web);
  const appUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: services.env.REDIS_URL,
    APP_URL: appUrl,
    PORT: String(port),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEYS: generateKeyRingEntry("test1"),
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    ...options.env,
  };
  const app = startApp({ port, env, write: options.appOutput ?? (() => {}) });
  const stop = async () => {
    await stopApp(app);
    await services.stop();
  };
  try {
    await waitForHttp(`${appUrl}/api/health`);
  } catch (e) {
    await stop();
    throw e;
  }
  return { appUrl, env, app, stop };
}
