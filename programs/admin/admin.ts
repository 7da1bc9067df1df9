// The admin CLI: `npm run admin -- <command> [--flags]`. JSON on stdout; errors as one JSON line
// on stderr with exit code 1 (2 for usage errors).
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createAgent } from "@/lib/domain/agents/create-agent.ts";
import { revokeApiKey } from "@/lib/domain/agents/revoke-api-key.ts";
import { pauseAgent } from "@/lib/domain/agents/pause-agent.ts";
import { resumeAgent } from "@/lib/domain/agents/resume-agent.ts";
import { rotateAgentKey } from "@/lib/domain/agents/rotate-agent-key.ts";
import { verifyAuditChain } from "@/lib/domain/audit/verify-audit-chain.ts";
import { applyConfig } from "@/lib/domain/config/apply-config.ts";
import { exportConfig } from "@/lib/domain/config/export-config.ts";
import { parseConfigSource } from "@/lib/domain/config/validate-config.ts";
import { comparePolicyRules } from "@/lib/domain/policies/compare-policy-versions.ts";
import { dryRunPolicy } from "@/lib/domain/policies/dry-run-policy.ts";
import { listPolicyVersions } from "@/lib/domain/policies/list-policy-versions.ts";
import { restorePolicyVersion } from "@/lib/domain/policies/restore-policy-version.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { disconnectDb } from "@/lib/platform/db.ts";
import { createUser } from "@/lib/domain/users/create-user.ts";
import { purgeRequestContent } from "@/lib/domain/requests/purge-request-content.ts";
import { rotateReceiptKey } from "@/lib/domain/receipts/rotate-receipt-key.ts";
import { setGroupChatWebhook } from "@/lib/domain/groups/set-group-chat-webhook.ts";
import { removeWebhookEndpoint } from "@/lib/domain/webhooks/remove-webhook-endpoint.ts";
import { rotateWebhookSecret } from "@/lib/domain/webhooks/rotate-webhook-secret.ts";
import { setWebhookEndpoint } from "@/lib/domain/webhooks/set-webhook-endpoint.ts";
import { openDatabaseForCli } from "./open-database-for-cli.ts";

const CLI = { kind: "cli" } as const;
// Commands added with the guardrails load their services when they run: every command starts a
// fresh process, and loading everything up front slows each one down.

type Command = {
  usage: string;
  options: Record<string, { type: "string" | "boolean"; multiple?: boolean }>;
  run: (v: Record<string, unknown>) => Promise<unknown>;
};

const str = z.string().min(1);
/** A limit on the command line: a whole number, or "default" for the deployment's default. */
const limitArg = z.union([z.literal("default").transform(() => null), z.coerce.number().int()]).optional();

const COMMANDS: Record<string, Command> = {
  "user:create": {
    usage: "--email E --password P --role admin|reviewer|auditor [--group G]... [--name N]",
    options: {
      email: { type: "string" },
      password: { type: "string" },
      role: { type: "string" },
      group: { type: "string", multiple: true },
      name: { type: "string" },
    },
    run: async (v) => {
      const a = z
        .object({
          email: str,
          password: str,
          role: z.enum(["admin", "reviewer", "auditor"]),
          group: z.array(str).optional(),
          name: str.optional(),
        })
        .parse(v);
      return createUser({ actor: CLI, email: a.email, password: a.password, role: a.role, groups: a.group, name: a.name });
    },
  },
  "agent:create": {
    usage: '--name N --scopes "payments.*,email.send" [--owner EMAIL] [--tag T]...',
    options: { name: { type: "string" }, scopes: { type: "string" }, owner: { type: "string" }, tag: { type: "string", multiple: true } },
    run: async (v) => {
      const a = z.object({ name: str, scopes: str, owner: str.optional(), tag: z.array(str).optional() }).parse(v);
      const scopes = a.scopes
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      return createAgent({ actor: CLI, name: a.name, scopes, ownerEmail: a.owner, tags: a.tag });
    },
  },
  "agent:key:rotate": {
    usage: "--agent ID [--grace-seconds S]",
    options: { agent: { type: "string" }, "grace-seconds": { type: "string" } },
    run: async (v) => {
      const a = z.object({ agent: z.uuid(), "grace-seconds": z.coerce.number().int().min(0).optional() }).parse(v);
      return rotateAgentKey({ actor: CLI, agentId: a.agent, graceSeconds: a["grace-seconds"] });
    },
  },
  "agent:key:create": {
    usage: "--agent ID [--expires-in-seconds S]   (one more key; the agent's other keys keep working)",
    options: { agent: { type: "string" }, "expires-in-seconds": { type: "string" } },
    run: async (v) => {
      const a = z.object({ agent: z.uuid(), "expires-in-seconds": z.coerce.number().int().optional() }).parse(v);
      const { createAgentKey } = await import("@/lib/domain/agents/create-agent-key.ts");
      return createAgentKey({ actor: CLI, agentId: a.agent, expiresInSeconds: a["expires-in-seconds"] });
    },
  },
  "agent:key:revoke": {
    usage: "--agent ID --prefix P",
    options: { agent: { type: "string" }, prefix: { type: "string" } },
    run: async (v) => {
      const a = z.object({ agent: z.uuid(), prefix: str }).parse(v);
      await revokeApiKey({ actor: CLI, agentId: a.agent, prefix: a.prefix });
      return { revoked: a.prefix };
    },
  },
  "agent:limits:show": {
    usage: "--agent ID",
    options: { agent: { type: "string" } },
    run: async (v) => {
      const { getAgentLimits } = await import("@/lib/domain/limits/get-agent-limits.ts");
      return getAgentLimits({ actor: CLI, agentId: z.object({ agent: z.uuid() }).parse(v).agent });
    },
  },
  "agent:limits:set": {
    usage:
      '--agent ID [--submits-per-minute N] [--max-pending N] [--max-payload-bytes N] [--breaker-threshold N (0: off)] [--breaker-window-seconds S]   (each: a number or "default")',
    options: {
      agent: { type: "string" },
      "submits-per-minute": { type: "string" },
      "max-pending": { type: "string" },
      "max-payload-bytes": { type: "string" },
      "breaker-threshold": { type: "string" },
      "breaker-window-seconds": { type: "string" },
    },
    run: async (v) => {
      const a = z
        .object({
          agent: z.uuid(),
          "submits-per-minute": limitArg,
          "max-pending": limitArg,
          "max-payload-bytes": limitArg,
          "breaker-threshold": limitArg,
          "breaker-window-seconds": limitArg,
        })
        .parse(v);
      const { setAgentLimits } = await import("@/lib/domain/limits/set-agent-limits.ts");
      return setAgentLimits({
        actor: CLI,
        agentId: a.agent,
        limits: {
          submitsPerMinute: a["submits-per-minute"],
          maxPending: a["max-pending"],
          maxPayloadBytes: a["max-payload-bytes"],
          breakerThreshold: a["breaker-threshold"],
          breakerWindowSeconds: a["breaker-window-seconds"],
        },
      });
    },
  },
  "agent:budget:set": {
    usage: "--agent ID --action A --limit AMOUNT [--window-seconds S (default: the UTC day)] [--on-exceed review|reject]",
    options: {
      agent: { type: "string" },
      action: { type: "string" },
      limit: { type: "string" },
      "window-seconds": { type: "string" },
      "on-exceed": { type: "string" },
    },
    run: async (v) => {
      const a = z
        .object({
          agent: z.uuid(),
          action: str,
          limit: str,
          "window-seconds": z.coerce.number().int().optional(),
          "on-exceed": z.enum(["review", "reject"]).optional(),
        })
        .parse(v);
      const { setAgentBudget } = await import("@/lib/domain/limits/set-agent-budget.ts");
      return setAgentBudget({
        actor: CLI,
        agentId: a.agent,
        budget: { action: a.action, limit: a.limit, windowSeconds: a["window-seconds"] ?? null, onExceed: a["on-exceed"] },
      });
    },
  },
  "agent:budget:remove": {
    usage: "--agent ID --action A",
    options: { agent: { type: "string" }, action: { type: "string" } },
    run: async (v) => {
      const a = z.object({ agent: z.uuid(), action: str }).parse(v);
      const { removeAgentBudget } = await import("@/lib/domain/limits/set-agent-budget.ts");
      return removeAgentBudget({ actor: CLI, agentId: a.agent, action: a.action });
    },
  },
  "encryption:reencrypt": {
    usage: "[--enqueue]   (moves every encrypted value to the active key of ENCRYPTION_KEYS; --enqueue: let a worker do it)",
    options: { enqueue: { type: "boolean" } },
    run: async (v) => {
      if (z.object({ enqueue: z.boolean().optional() }).parse(v).enqueue) {
        // Loaded here only: BullMQ would slow down every other command's start.
        const [{ enqueue, closeQueues }, { reencryptJob }] = await Promise.all([
          import("@/lib/platform/jobs/enqueue-jobs.ts"),
          import("@/lib/domain/secrets/secret-jobs.ts"),
        ]);
        const jobId = `reencrypt-${Date.now()}`;
        await enqueue(reencryptJob, {}, { jobId });
        await closeQueues();
        return { enqueued: jobId };
      }
      const { reencryptStoredData } = await import("@/lib/domain/secrets/reencrypt-stored-data.ts");
      return reencryptStoredData({ actor: CLI });
    },
  },
  "agent:pause": {
    usage: "--agent ID",
    options: { agent: { type: "string" } },
    run: async (v) => pauseAgent({ actor: CLI, agentId: z.object({ agent: z.uuid() }).parse(v).agent }),
  },
  "agent:resume": {
    usage: "--agent ID",
    options: { agent: { type: "string" } },
    run: async (v) => resumeAgent({ actor: CLI, agentId: z.object({ agent: z.uuid() }).parse(v).agent }),
  },
  "config:apply": {
    usage: "--file F (JSON or YAML)",
    options: { file: { type: "string" } },
    run: async (v) => {
      const file = z.object({ file: str }).parse(v).file;
      const format = /\.ya?ml$/i.test(file) ? "yaml" : /\.json$/i.test(file) ? "json" : undefined;
      return applyConfig({ actor: CLI, source: readFileSync(file, "utf8"), format });
    },
  },
  "config:export": {
    usage: "[--format yaml|json] [--file F]",
    options: { format: { type: "string" }, file: { type: "string" } },
    run: async (v) => {
      const a = z.object({ format: z.enum(["yaml", "json"]).default("yaml"), file: str.optional() }).parse(v);
      const text = await exportConfig({ actor: CLI, format: a.format });
      if (!a.file) return { raw: text };
      writeFileSync(a.file, text);
      return { written: a.file };
    },
  },
  "policy:versions": {
    usage: "--action A",
    options: { action: { type: "string" } },
    run: async (v) => listPolicyVersions({ actor: CLI, action: z.object({ action: str }).parse(v).action }),
  },
  "policy:diff": {
    usage: "--action A --from N --to M",
    options: { action: { type: "string" }, from: { type: "string" }, to: { type: "string" } },
    run: async (v) => {
      const a = z.object({ action: str, from: z.coerce.number().int(), to: z.coerce.number().int() }).parse(v);
      const versions = await listPolicyVersions({ actor: CLI, action: a.action });
      const pick = (n: number) => versions.find((x) => x.version === n) ?? fail(1, { code: "not_found", message: `No version ${n}` });
      return comparePolicyRules(pick(a.from).rules, pick(a.to).rules);
    },
  },
  "policy:restore": {
    usage: "--action A --version N",
    options: { action: { type: "string" }, version: { type: "string" } },
    run: async (v) => {
      const a = z.object({ action: str, version: z.coerce.number().int().min(1) }).parse(v);
      return restorePolicyVersion({ actor: CLI, action: a.action, version: a.version });
    },
  },
  "policy:dry-run": {
    usage: "--action A [--rules F (YAML/JSON list of rules; default: the published policy)] [--sample F (JSON)] [--replay N]",
    options: { action: { type: "string" }, rules: { type: "string" }, sample: { type: "string" }, replay: { type: "string" } },
    run: async (v) => {
      const a = z
        .object({ action: str, rules: str.optional(), sample: str.optional(), replay: z.coerce.number().int().min(1).optional() })
        .parse(v);
      const rules = a.rules ? parseConfigSource(readFileSync(a.rules, "utf8")) : undefined;
      if (rules !== undefined && !Array.isArray(rules)) throw new AppError("validation_error", "--rules must hold a list of rules");
      const sample = a.sample ? parseConfigSource(readFileSync(a.sample, "utf8"), "json") : undefined;
      return dryRunPolicy({ actor: CLI, action: a.action, rules, sample, replay: a.replay });
    },
  },
  "agent:webhook:set": {
    usage: "--agent ID --url URL [--event request.approved]...",
    options: { agent: { type: "string" }, url: { type: "string" }, event: { type: "string", multiple: true } },
    run: async (v) => {
      const a = z.object({ agent: z.uuid(), url: str, event: z.array(str).optional() }).parse(v);
      return setWebhookEndpoint({ actor: CLI, agentId: a.agent, input: { url: a.url, ...(a.event ? { events: a.event } : {}) } });
    },
  },
  "agent:webhook:rotate": {
    usage: "--agent ID [--grace-seconds S]",
    options: { agent: { type: "string" }, "grace-seconds": { type: "string" } },
    run: async (v) => {
      const a = z.object({ agent: z.uuid(), "grace-seconds": z.coerce.number().int().min(0).optional() }).parse(v);
      return rotateWebhookSecret({ actor: CLI, agentId: a.agent, graceSeconds: a["grace-seconds"] });
    },
  },
  "agent:webhook:remove": {
    usage: "--agent ID",
    options: { agent: { type: "string" } },
    run: async (v) => {
      const a = z.object({ agent: z.uuid() }).parse(v);
      return removeWebhookEndpoint({ actor: CLI, agentId: a.agent });
    },
  },
  "group:chat": {
    usage: "--group G (--url URL | --clear)",
    options: { group: { type: "string" }, url: { type: "string" }, clear: { type: "boolean" } },
    run: async (v) => {
      const a = z
        .object({ group: str, url: str.optional(), clear: z.boolean().optional() })
        .refine((x) => !!x.url !== !!x.clear, "give --url or --clear")
        .parse(v);
      return setGroupChatWebhook({ actor: CLI, group: a.group, url: a.url ?? null });
    },
  },
  "retention:purge": {
    usage: "--older-than-days N",
    options: { "older-than-days": { type: "string" } },
    run: async (v) => {
      const a = z.object({ "older-than-days": z.coerce.number().int().min(0) }).parse(v);
      return purgeRequestContent({ actor: CLI, olderThanDays: a["older-than-days"] });
    },
  },
  "receipt:key:rotate": {
    usage: "",
    options: {},
    run: async () => rotateReceiptKey({ actor: CLI }),
  },
  "audit:verify": {
    usage: "",
    options: {},
    run: async () => {
      const result = await verifyAuditChain();
      if (!result.ok) {
        const { firstBad } = result;
        throw new AppError(
          "conflict",
          `audit chain broken at event ${firstBad.id} (seq ${firstBad.seq ?? "?"}): ${firstBad.reason}`,
          result,
        );
      }
      return result;
    },
  },
};

function usage(): string {
  return ["Usage: npm run admin -- <command> [options]", "", ...Object.entries(COMMANDS).map(([name, c]) => `  ${name} ${c.usage}`)].join(
    "\n",
  );
}

function fail(code: number, error: { code: string; message: string; details?: unknown }): never {
  process.stderr.write(JSON.stringify({ error }) + "\n");
  process.exit(code);
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === "--help" || name === "help") {
    process.stdout.write(usage() + "\n");
    process.exit(name ? 0 : 2);
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(usage() + "\n");
    fail(2, { code: "usage", message: `Unknown command ${name}` });
  }
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    fail(2, { code: "usage", message: `${(e as Error).message}\nUsage: npm run admin -- ${name} ${command.usage}` });
  }
  let stop: () => Promise<void>;
  try {
    stop = await openDatabaseForCli((line) => process.stderr.write(line + "\n"));
  } catch (e) {
    // The local PostgreSQL could not start: its one-line reason and fix (programs/local/service-failure.ts).
    if (e instanceof AppError) fail(1, { code: e.code, message: e.message });
    throw e;
  }
  let exitCode = 0;
  try {
    const result = await command.run(values);
    const raw = (result as { raw?: unknown } | null)?.raw;
    process.stdout.write(typeof raw === "string" ? raw : JSON.stringify(result, null, 2) + "\n");
  } catch (e) {
    exitCode = 1;
    if (e instanceof z.ZodError) {
      exitCode = 2;
      process.stderr.write(
        JSON.stringify({
          error: {
            code: "usage",
            message: `Invalid arguments; usage: ${name} ${command.usage}`,
            details: e.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
          },
        }) + "\n",
      );
    } else if (e instanceof AppError) {
      process.stderr.write(JSON.stringify({ error: { code: e.code, message: e.message, details: e.details } }) + "\n");
    } else {
      process.stderr.write(JSON.stringify({ error: { code: "internal_error", message: (e as Error).message } }) + "\n");
    }
  } finally {
    await disconnectDb();
    await stop();
  }
  process.exit(exitCode);
}

void main();
