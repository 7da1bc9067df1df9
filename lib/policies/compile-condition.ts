import { celEnvironment, MAX_CONDITION_LENGTH } from "./cel-environment.ts";

export type CompiledCondition = (activation: object) => unknown;

export type CompileResult = { ok: true; program: CompiledCondition } | { ok: false; error: string };

/**
 * Parses and type-checks a `when` condition. Errors name the problem and where it is, so an admin
 * can fix the rule; a condition that cannot be boolean is refused here rather than at runtime.
 */
export function compileCondition(expression: string): CompileResult {
  if (expression.length > MAX_CONDITION_LENGTH) {
    return { ok: false, error: `condition is longer than ${MAX_CONDITION_LENGTH} characters` };
  }
  try {
    const program = celEnvironment.parse(expression);
    const checked = program.check();
    if (!checked.valid) return { ok: false, error: firstLine(checked.error?.message ?? "invalid condition") };
    if (checked.type !== "bool" && checked.type !== "dyn") {
      return { ok: false, error: `condition must be a boolean, but it is ${checked.type}` };
    }
    if (hasNestedComprehension(program.ast)) {
      return { ok: false, error: "a list macro (all, exists, exists_one, map, filter) inside another one is not allowed: its cost grows with the square of the payload" };
    }
    return { ok: true, program: (activation) => program(activation as Record<string, unknown>) };
  } catch (e) {
    return { ok: false, error: firstLine(e instanceof Error ? e.message : String(e)) };
  }
}

const COMPREHENSIONS = new Set(["all", "exists", "exists_one", "map", "filter"]);

/**
 * cel-js has no evaluation cost limit, and an agent controls the payload's size. One list macro
 * costs at most the length of a list (bounded by MAX_BODY_BYTES); nested ones multiply, so they
 * are refused at compile time.
 */
function hasNestedComprehension(node: unknown, inside = false): boolean {
  if (Array.isArray(node)) return node.some((n) => hasNestedComprehension(n, inside));
  if (!node || typeof node !== "object" || !("op" in node)) return false;
  const { op, args } = node as { op: string; args: unknown };
  const isComprehension = op === "rcall" && Array.isArray(args) && COMPREHENSIONS.has(args[0] as string);
  if (isComprehension && inside) return true;
  return hasNestedComprehension(args, inside || isComprehension);
}

function firstLine(message: string): string {
  // cel-js appends a source excerpt with a caret; keep it, it shows where the problem is.
  return message.trim();
}
