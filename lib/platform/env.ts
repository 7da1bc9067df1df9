import { z } from "zod";
import { parseKeyRing } from "@/lib/platform/crypto/key-ring.ts";
import { validateAllowCidrs } from "@/lib/platform/outbound/allow-cidrs.ts";
import { parseDurations } from "@/lib/kernel/durations.ts";

const ZAllowCidrs = z
  .string()
  .default("")
  .transform((s, ctx) => {
    const cidrs = s
      .split(",")
      .map((c) => c.trim())
      .filter(Boolean);
    try {
      validateAllowCidrs(cidrs);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message });
    }
    return cidrs;
  });

// Every setting is an environment variable (listed in .env.example). Parsed once, lazily, so that
// `next build` can import server modules without a configured environment.
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  NEXTAUTH_SECRET_PREVIOUS: z
    .string()
    .min(32, "NEXTAUTH_SECRET_PREVIOUS must be at least 32 characters")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  MIN_REQUEST_TTL_SECONDS: z.coerce.number().int().min(1).default(60),
  DEFAULT_REQUEST_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(24 * 3600),
  MAX_REQUEST_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(7 * 24 * 3600),
  RATE_LIMIT_SUBMITS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_FALLBACK: z.enum(["postgres", "none"]).default("postgres"),
  MAX_PENDING_PER_AGENT: z.coerce.number().int().min(1).default(1000),
  BREAKER_THRESHOLD: z.coerce.number().int().min(0).default(50),
  BREAKER_WINDOW_SECONDS: z.coerce.number().int().min(10).default(600),
  WEBHOOK_SENSITIVE_FIELDS: z.enum(["redact", "include"]).default("redact"),
  SESSION_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(8 * 3600),
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(100).default(1000),
  AUDIT_VERIFY_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
  EXPIRY_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).default(15_000),
  ENCRYPTION_KEYS: z.string().superRefine((spec, ctx) => {
    try {
      parseKeyRing(spec);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message });
    }
  }),
  DELIVERY_SWEEP_INTERVAL_MS: z.coerce.number().int().min(500).default(15_000),
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  OUTBOX_REQUEUE_AFTER_MS: z.coerce.number().int().min(1000).default(300_000),
  OUTBOX_MAX_RELAYS: z.coerce.number().int().min(1).default(5),
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .default("5s,5m,30m,2h,5h,10h,10h")
    .transform((s, ctx) => {
      try {
        return parseDurations(s);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    }),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  OUTBOUND_ALLOW_CIDRS: ZAllowCidrs,
  SMTP_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SMTP_FROM: z.string().default("Countersign <countersign@localhost>"),
  REMINDER_BEFORE_EXPIRY_SECONDS: z.coerce.number().int().min(0).default(3600),
  RETENTION_DAYS: z.coerce.number().int().min(0).default(0),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  RECEIPT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(366 * 24 * 3600)
    .default(24 * 3600),
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

const ZLimitDefaults = ZEnv.pick({
  RATE_LIMIT_SUBMITS_PER_MINUTE: true,
  MAX_PENDING_PER_AGENT: true,
  MAX_BODY_BYTES: true,
  BREAKER_THRESHOLD: true,
  BREAKER_WINDOW_SECONDS: true,
});
let limitDefaultsCache: z.infer<typeof ZLimitDefaults> | undefined;

/** Just the agents' default limits: the CLI shows and sets limits without the web app's settings. */
export function limitDefaults(): z.infer<typeof ZLimitDefaults> {
  if (limitDefaultsCache) return limitDefaultsCache;
  const parsed = ZLimitDefaults.safeParse(process.env);
  if (!parsed.success)
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  limitDefaultsCache = parsed.data;
  return parsed.data;
}

/** Just the outbound allow-list: the CLI registers URLs without the web app's settings. */
export function outboundAllowCidrs(): string[] {
  const parsed = ZAllowCidrs.safeParse(process.env.OUTBOUND_ALLOW_CIDRS);
  if (!parsed.success) throw new Error(`Invalid environment: OUTBOUND_ALLOW_CIDRS: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
