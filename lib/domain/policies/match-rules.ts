import type { CelActivation } from "./cel-environment.ts";
import type { CompiledCondition } from "./compile-condition.ts";
import { CONDITION_DEADLINE_MS, DeadlineExceeded, runWithDeadline } from "./run-with-deadline.ts";

export type RuleForMatching = {
  name: string;
  /** null: the rule has no condition and matches everything. */
  condition: CompiledCondition | null;
  /** Set when the stored condition no longer compiles. */
  compileError?: string;
  /** The condition's cost is linear in the payload (compileCondition's `linear`): no deadline. */
  linear?: boolean;
};

export type RuleMatch<R extends RuleForMatching> =
  { kind: "matched"; rule: R } | { kind: "no_match" } | { kind: "error"; rule: R; error: string };

/**
 * First match wins. Any error — a condition that does not compile, throws, yields anything but a
 * boolean, or runs past the deadline — stops evaluation and is reported, so the caller can fail
 * closed (review). Later rules are not consulted: an error must never fall through to a more
 * lenient rule.
 */
export function matchRules<R extends RuleForMatching>(
  rules: R[],
  activation: CelActivation,
  deadlineMs = CONDITION_DEADLINE_MS,
): RuleMatch<R> {
  let current: R | undefined;
  const match = (): RuleMatch<R> => {
    for (const rule of rules) {
      current = rule;
      if (rule.compileError) return { kind: "error", rule, error: `does not compile: ${rule.compileError}` };
      if (!rule.condition) return { kind: "matched", rule };
      let result: unknown;
      try {
        result = rule.condition(activation);
      } catch (e) {
        return { kind: "error", rule, error: `evaluation error: ${describeEvaluationError(e)}` };
      }
      if (typeof result !== "boolean") return { kind: "error", rule, error: `condition returned ${celTypeOf(result)}, not a boolean` };
      if (result) return { kind: "matched", rule };
    }
    return { kind: "no_match" };
  };
  // The deadline starts a watchdog thread (~45 µs): spent only where a condition can be costly
  // (a list macro or a regular expression). Conditions of unknown cost get the deadline.
  if (rules.every((r) => !r.condition || r.linear)) return match();
  try {
    return runWithDeadline(match, deadlineMs);
  } catch (e) {
    if (!current) throw e;
    if (e instanceof DeadlineExceeded) return { kind: "error", rule: current, error: `evaluation ${e.message}` };
    return { kind: "error", rule: current, error: `evaluation error: ${describeEvaluationError(e)}` };
  }
}

// cel-js writes the offending value into some messages (`{"acct_1": true}[payload.to]` fails with
// "No such key: <the value of payload.to>"). The error becomes the request's policy reason, which
// is stored in plaintext (the request row, the audit trail) and shown to reviewers — and the value
// may be a sensitive payload field, encrypted everywhere else. For these error codes only the text
// before the value is kept, except for a field access (`payload.memo`), whose key the condition
// itself names.
const VALUE_BEARING_CODES = new Set([
  "no_such_key",
  "index_out_of_bounds",
  "invalid_duration",
  "invalid_regular_expression",
  "numeric_overflow",
]);

function describeEvaluationError(e: unknown): string {
  if (!(e instanceof Error)) return "unexpected error";
  const summary = e.message.split("\n")[0]!;
  const { code, node } = e as { code?: unknown; node?: { op?: unknown } };
  if (typeof code !== "string" || !VALUE_BEARING_CODES.has(code) || node?.op === ".") return summary;
  // "No such key: index out of bounds, index 7 >= size 3" keeps its kind, not the numbers.
  return code === "index_out_of_bounds" ? summary.split(",")[0]! : summary.split(":")[0]!;
}

function celTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a timestamp";
  switch (typeof value) {
    case "bigint":
      return "an int";
    case "number":
      return "a double";
    case "string":
      return "a string";
    case "object":
      return "a map";
    default:
      return typeof value;
  }
}
