import { z } from "zod";
import { dataDir, localRedisUrl, readLocalInstall } from "@/programs/local/local-install.ts";
import { readDemoAgentKey } from "./demo-key-file.ts";

const ZSettings = z
  .object({
    baseUrl: z.string().url(),
    apiKey: z.string().min(1),
    redisUrl: z.string().url(),
    action: z.string().min(1),
    queue: z.string().regex(/^[A-Za-z0-9_-]+$/),
    intervalMs: z.coerce.number().int().min(10),
    concurrency: z.coerce.number().int().min(1).max(64),
    firstHigh: z.coerce.number().int().min(1),
    highEvery: z.coerce.number().int().min(0),
    maxTasks: z.coerce.number().int().min(0),
    recheckMs: z.coerce.number().int().min(1000),
    decisions: z.enum(["wait", "webhook"]),
    webhookPort: z.coerce.number().int().min(1).max(65535).optional(),
    webhookSecret: z.string().startsWith("whsec_").optional(),
  })
  .refine((s) => s.decisions === "wait" || (s.webhookPort && s.webhookSecret), {
    message: "webhook mode needs DEMO_AGENT_WEBHOOK_PORT and COUNTERSIGN_WEBHOOK_SECRET",
    path: ["decisions"],
  });
export type DemoSettings = z.infer<typeof ZSettings>;

const HELP = `The demo agent needs Countersign's URL, an agent API key and a Redis for its task queue.
  With a local install (npm start, no DATABASE_URL) all three are found under .data/.
  Otherwise set COUNTERSIGN_URL, COUNTERSIGN_API_KEY and DEMO_AGENT_REDIS_URL (or REDIS_URL).
  No key at hand? npm run admin -- agent:create --name my-demo-agent --scopes payments.transfer`;

/**
 * Env first; then, for a local install, what `npm start` left under .data/: the Redis port
 * (local.json) and the demo agent's key (demo-agent.json, written when the demo was seeded).
 */
export function loadDemoSettings(): DemoSettings {
  const env = process.env;
  const local = readLocalInstall();
  const parsed = ZSettings.safeParse({
    baseUrl: env.COUNTERSIGN_URL ?? env.APP_URL ?? `http://localhost:${env.PORT ?? 3000}`,
    apiKey: env.COUNTERSIGN_API_KEY ?? readDemoAgentKey(dataDir())?.apiKey,
    redisUrl: env.DEMO_AGENT_REDIS_URL ?? env.REDIS_URL ?? (local ? localRedisUrl(local) : undefined),
    action: env.DEMO_AGENT_ACTION ?? "payments.transfer",
    queue: env.DEMO_AGENT_QUEUE ?? "demo-agent-tasks",
    intervalMs: env.DEMO_TASK_INTERVAL_MS ?? 400,
    concurrency: env.DEMO_AGENT_CONCURRENCY ?? 4,
    firstHigh: env.DEMO_FIRST_HIGH ?? 3,
    highEvery: env.DEMO_HIGH_EVERY ?? 12,
    maxTasks: env.DEMO_MAX_TASKS ?? 0,
    recheckMs: env.DEMO_RECHECK_MS ?? 30_000,
    decisions: env.DEMO_AGENT_DECISIONS ?? "wait",
    webhookPort: env.DEMO_AGENT_WEBHOOK_PORT || undefined,
    webhookSecret: env.COUNTERSIGN_WEBHOOK_SECRET || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`${HELP}\n  Problem: ${problems}`);
  }
  return parsed.data;
}
