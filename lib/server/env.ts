import { z } from "zod";

// Every setting is an environment variable (listed in .env.example). Parsed once, lazily, so that
// `next build` can import server modules without a configured environment.
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
  DEFAULT_REQUEST_TTL_SECONDS: z.coerce.number().int().min(60).default(24 * 3600),
  MAX_REQUEST_TTL_SECONDS: z.coerce.number().int().min(60).default(7 * 24 * 3600),
  RATE_LIMIT_SUBMITS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(300).default(8 * 3600),
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(100).default(1000),
  EXPIRY_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).default(15_000),
});

export type TEnv = z.infer<typeof ZEnv> & { APP_URL: string };

let cached: TEnv | undefined;

export function env(): TEnv {
  if (cached) return cached;
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const appUrl = (parsed.data.APP_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/+$/, "");
  cached = { ...parsed.data, APP_URL: appUrl };
  return cached;
}

/** Just the database URL: the CLI and scripts need the database without the web app's settings. */
export function databaseUrl(): string {
  const url = z.string().url().safeParse(process.env.DATABASE_URL);
  if (!url.success) throw new Error("Invalid environment: DATABASE_URL must be a postgresql:// URL");
  return url.data;
}
