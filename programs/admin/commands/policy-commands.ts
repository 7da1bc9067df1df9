import { readFileSync } from "node:fs";
import { z } from "zod";
import { CLI, str, type Command } from "../command.ts";
import { parseConfigSource } from "@/lib/domain/config/validate-config.ts";
import { comparePolicyRules } from "@/lib/domain/policies/compare-policy-versions.ts";
import { dryRunPolicy } from "@/lib/domain/policies/dry-run-policy.ts";
import { listPolicyVersions } from "@/lib/domain/policies/list-policy-versions.ts";
import { restorePolicyVersion } from "@/lib/domain/policies/restore-policy-version.ts";
import { AppError } from "@/lib/kernel/errors.ts";

/** Policy versions: `policy:versions`, `policy:diff`, `policy:restore`, `policy:dry-run`. */
export const policyCommands: Record<string, Command> = {
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
      const pick = (n: number) => {
        const found = versions.find((x) => x.version === n);
        if (!found) throw new AppError("not_found", `No version ${n}`);
        return found;
      };
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
};
