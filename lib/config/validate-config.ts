import YAML from "yaml";
import { ajv } from "@/lib/action-types/json-schema.ts";
import { AppError } from "@/lib/errors.ts";
import { compileCondition } from "@/lib/policies/compile-condition.ts";
import { ZConfigDocument, type TConfigDocument } from "./schemas.ts";

export type ConfigProblem = { path: string; message: string };

/** Reads a JSON or YAML document (JSON when it parses as JSON). */
export function parseConfigSource(source: string, format?: "yaml" | "json"): unknown {
  try {
    if (format === "json") return JSON.parse(source);
    if (format === "yaml") return YAML.parse(source, { maxAliasCount: 100 });
    try {
      return JSON.parse(source);
    } catch {
      return YAML.parse(source, { maxAliasCount: 100 });
    }
  } catch (e) {
    throw new AppError("validation_error", `Configuration is not valid ${format ?? "JSON or YAML"}: ${(e as Error).message}`);
  }
}

/**
 * Validates the whole document — shape, JSON Schemas, CEL conditions, references — and reports
 * every problem at once. `knownActions` are action types that already exist in the database.
 */
export function validateConfig(raw: unknown, knownActions: Set<string>): TConfigDocument {
  const parsed = ZConfigDocument.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("validation_error", "Configuration is invalid", parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  }
  const doc = parsed.data;
  const problems: ConfigProblem[] = [];
  const keys = new Set<string>();
  doc.actionTypes.forEach((t, i) => {
    if (keys.has(t.key)) problems.push({ path: `actionTypes[${i}].key`, message: `duplicate action type ${t.key}` });
    keys.add(t.key);
    try {
      ajv.compile(t.payloadSchema);
      ajv.removeSchema(t.payloadSchema);
    } catch (e) {
      problems.push({ path: `actionTypes[${i}].payloadSchema`, message: `not a valid JSON Schema: ${(e as Error).message}` });
    }
  });
  const policies = new Set<string>();
  doc.policies.forEach((p, i) => {
    if (!keys.has(p.action) && !knownActions.has(p.action)) problems.push({ path: `policies[${i}].action`, message: `unknown action type ${p.action}` });
    if (policies.has(p.action)) problems.push({ path: `policies[${i}].action`, message: `second policy for ${p.action}` });
    policies.add(p.action);
    const names = new Set<string>();
    p.rules.forEach((r, j) => {
      if (names.has(r.name)) problems.push({ path: `policies[${i}].rules[${j}].name`, message: `duplicate rule name ${r.name}` });
      names.add(r.name);
      if (r.when !== undefined) {
        const compiled = compileCondition(r.when);
        if (!compiled.ok) problems.push({ path: `policies[${i}].rules[${j}].when`, message: compiled.error });
      }
    });
  });
  if (problems.length > 0) throw new AppError("validation_error", "Configuration is invalid", problems);
  return doc;
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), "");
}
