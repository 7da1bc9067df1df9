// The admin CLI: `npm run admin -- <command> [--flags]`. JSON on stdout; errors as one JSON line
// on stderr with exit code 1 (2 for usage errors). docs/CLI.md is the contract.
import { parseArgs } from "node:util";
import { AppError } from "@/lib/kernel/errors.ts";
import { disconnectDb } from "@/lib/platform/db.ts";
import { toCliError, type CliError } from "@/lib/web/errors/to-cli-error.ts";
import type { Command } from "./command.ts";
import { agentCommands } from "./commands/agent-commands.ts";
import { configCommands } from "./commands/config-commands.ts";
import { encryptionCommands } from "./commands/encryption-commands.ts";
import { killSwitchCommands } from "./commands/kill-switch-commands.ts";
import { limitCommands } from "./commands/limit-commands.ts";
import { policyCommands } from "./commands/policy-commands.ts";
import { upkeepCommands } from "./commands/upkeep-commands.ts";
import { userCommands } from "./commands/user-commands.ts";
import { webhookCommands } from "./commands/webhook-commands.ts";
import { openDatabaseForCli } from "./open-database-for-cli.ts";

// In the order the help lists them. Commands added with the guardrails load their services when
// they run: every command starts a fresh process, and loading everything up front slows each one down.
const COMMANDS: Record<string, Command> = {
  ...userCommands,
  ...agentCommands,
  ...limitCommands,
  ...encryptionCommands,
  ...killSwitchCommands,
  ...configCommands,
  ...policyCommands,
  ...webhookCommands,
  ...upkeepCommands,
};

function usage(): string {
  return ["Usage: npm run admin -- <command> [options]", "", ...Object.entries(COMMANDS).map(([name, c]) => `  ${name} ${c.usage}`)].join(
    "\n",
  );
}

function printError(error: CliError): void {
  process.stderr.write(JSON.stringify({ error }) + "\n");
}

function fail(code: number, error: CliError): never {
  printError(error);
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
    const failure = toCliError(e, `${name} ${command.usage}`);
    exitCode = failure.exitCode;
    printError(failure.error);
  } finally {
    await disconnectDb();
    await stop();
  }
  process.exit(exitCode);
}

void main();
