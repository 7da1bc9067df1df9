import YAML from "yaml";
import { compilePayloadSchema } from "@/lib/domain/action-types/json-schema.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { RISK_FLAG_NAMES, isRiskFlag } from "@/lib/domain/inspection/risk-flags.ts";
import { compileCondition } from "@/lib/domain/policies/compile-condition.ts";
import { ZConfigDocument, type TConfigDocument } from "./schemas.ts";

export type ConfigProblem = { path: string; message: string };

/** Reads a JSON or YAML document (JSON when it parses as JSON). */
export function parseConfigSource(source: string, format?: "yaml" | "json"): unknown {
  try {
    if (format === "json") return JSON.parse(source);
    // maxAliasCount: a few aliases are handy, a billion laughs is not.
    if (format === "yaml") return YAML.parse(source, { maxAliasCount: 100 });
    try {
      return JSON.parse(source);
    } catch {
      return YAML.parse(source, { maxAliasCount: 100 });
    }
  } catch (e) {
    const message = `not valid ${format ?? "JSON or YAML"}: ${(e as Error).message}`;
    throw new AppError("validation_error", `Configuration is ${message}`, [{ path: "", message }]);
  }
}

/**
 * Validates the whole document — shape, JSON Schemas, CEL conditions, references — and reports
 * every problem at once. `knownActions` are action types that already exist in the database.
 */
export function validateConfig(raw: unknown, knownActions: Set<string>): TConfigDocument {
  const parsed = ZConfigDocument.safeParse(raw);
  const problems: ConfigProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  // The checks below read the raw document, so they also run (and report) when its shape is wrong.
  problems.push(...semanticProblems(raw, knownActions));
  if (problems.length > 0 || !parsed.success) throw new AppError("validation_error", "Configuration is invalid", problems);
  return parsed.data;
}

function semanticProblems(raw: unknown, knownActions: Set<string>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const doc = asObject(raw);
  const keys = new Set<string>();
  asArray(doc.actionTypes).forEach((item, i) => {
    const t = asObject(item);
    if (typeof t.key === "string") {
      if (keys.has(t.key)) problems.push({ path: `actionTypes[${i}].key`, message: `duplicate action type ${t.key}` });
      keys.add(t.key);
    }
    asArray(t.autoRejectFlags).forEach((flag, j) => {
      if (typeof flag === "string" && !isRiskFlag(flag)) {
        problems.push({
          path: `actionTypes[${i}].autoRejectFlags[${j}]`,
          message: `unknown risk flag ${flag}; known flags: ${RISK_FLAG_NAMES.join(", ")}`,
        });
      }
    });
    if (t.payloadSchema !== null && typeof t.payloadSchema === "object" && !Array.isArray(t.payloadSchema)) {
      try {
        compilePayloadSchema(t.payloadSchema);
      } catch (e) {
        problems.push({ path: `actionTypes[${i}].payloadSchema`, message: `not a valid JSON Schema: ${(e as Error).message}` });
      }
    }
  });
  const policies = new Set<string>();
  asArray(doc.policies).forEach((item, i) => {
    const p = asObject(item);
    if (typeof p.action === "string") {
      if (!keys.has(p.action) && !knownActions.has(p.action)) {
        problems.push({
          path: `policies[${i}].action`,
          message: `unknown action type ${p.action}: not in this file and not in the database`,
        });
      }
      if (policies.has(p.action)) problems.push({ path: `policies[${i}].action`, message: `second policy for ${p.action}` });
      policies.add(p.action);
    }
    const names = new Set<string>();
    asArray(p.rules).forEach((ruleItem, j) => {
      const r = asObject(ruleItem);
      if (typeof r.name === "string") {
        if (names.has(r.name)) problems.push({ path: `policies[${i}].rules[${j}].name`, message: `duplicate rule name ${r.name}` });
        names.add(r.name);
      }
      if (typeof r.when === "string" && r.when.length > 0) {
        const compiled = compileCondition(r.when);
        if (!compiled.ok) problems.push({ path: `policies[${i}].rules[${j}].when`, message: compiled.error });
      }
    });
  });
  return problems;
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
    "",
  );
}
