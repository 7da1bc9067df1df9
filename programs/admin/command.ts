import { z } from "zod";

/** One admin command: its usage line, its flags (node:util parseArgs) and what it runs. */
export type Command = {
  usage: string;
  options: Record<string, { type: "string" | "boolean"; multiple?: boolean }>;
  run: (v: Record<string, unknown>) => Promise<unknown>;
};

/** The actor of every change the CLI makes (audited as `cli`). */
export const CLI = { kind: "cli" } as const;

export const str = z.string().min(1);
