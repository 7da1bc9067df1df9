import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { CLI, str, type Command } from "../command.ts";
import { applyConfig } from "@/lib/domain/config/apply-config.ts";
import { exportConfig } from "@/lib/domain/config/export-config.ts";

/** Config as code: `config:apply`, `config:export`. */
export const configCommands: Record<string, Command> = {
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
};
