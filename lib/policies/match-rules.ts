import type { CelActivation } from "./cel-environment.ts";
import type { CompiledCondition } from "./compile-condition.ts";

export type RuleForMatching = {
  name: string;
  /** null: the rule has no condition and matches everything. */
  condition: CompiledCondition | null;
  /** Set when the stored condition no longer compiles. */
  compileError?: string;
};

export type RuleMatch<R extends RuleForMatching> =
  | { kind: "matched"; rule: R }
  | { kind: "no_match" }
  | { kind: "error"; rule: R; error: string };

/**
 * First match wins. Any error — a condition that does not compile, throws, or yields anything
 * but a boolean — stops evaluation and is reported, so the caller can fail closed (review).
 * Later rules are not consulted: an error must never fall through to a more lenient rule.
 */
export function matchRules<R extends RuleForMatching>(rules: R[], activation: CelActivation): RuleMatch<R> {
  for (const rule of rules) {
    if (rule.compileError) return { kind: "error", rule, error: `does not compile: ${rule.compileError}` };
    if (!rule.condition) return { kind: "matched", rule };
    let result: unknown;
    try {
      result = rule.condition(activation);
    } catch (e) {
      return { kind: "error", rule, error: `evaluation error: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}` };
    }
    if (typeof result !== "boolean") return { kind: "error", rule, error: `condition returned ${typeof result}, not a boolean` };
    if (result) return { kind: "matched", rule };
  }
  return { kind: "no_match" };
}
