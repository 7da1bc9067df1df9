import { canonicalJson } from "@/lib/kernel/json/canonical-json.ts";
import type { StoredRule } from "./stored-rule.ts";

export type RuleChange =
  | { change: "added"; name: string; position: number }
  | { change: "removed"; name: string }
  | { change: "changed"; name: string; fields: string[] }
  | { change: "moved"; name: string; from: number; to: number };

/** What differs between two versions' rules, rule by rule (rules are matched by name). */
export function comparePolicyRules(from: StoredRule[], to: StoredRule[]): RuleChange[] {
  const changes: RuleChange[] = [];
  const before = new Map(from.map((r, i) => [r.name, { rule: r, position: i }]));
  const after = new Map(to.map((r, i) => [r.name, { rule: r, position: i }]));
  for (const [name, { position }] of after) if (!before.has(name)) changes.push({ change: "added", name, position });
  for (const name of before.keys()) if (!after.has(name)) changes.push({ change: "removed", name });
  for (const [name, a] of after) {
    const b = before.get(name);
    if (!b) continue;
    const fields = (Object.keys(a.rule) as (keyof StoredRule)[]).filter((k) => canonicalJson(a.rule[k]) !== canonicalJson(b.rule[k]));
    if (fields.length) changes.push({ change: "changed", name, fields });
    if (a.position !== b.position) changes.push({ change: "moved", name, from: b.position, to: a.position });
  }
  return changes;
}
