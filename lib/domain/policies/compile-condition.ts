import { celEnvironment, MAX_CONDITION_LENGTH } from "./cel-environment.ts";

export type CompiledCondition = (activation: object) => unknown;

export type CompileResult =
  | {
      ok: true;
      program: CompiledCondition;
      /**
       * True when evaluation cost is at most linear in the payload (no list macro, no regular
       * expression), so the condition needs no deadline (see match-rules.ts).
       */
      linear: boolean;
    }
  | { ok: false; error: string };

type AstNode = { op: string; args: unknown };

const COMPREHENSIONS = new Set(["all", "exists", "exists_one", "map", "filter"]);

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
    if (!checked.valid) return { ok: false, error: tidyMessage(checked.error?.message ?? "invalid condition") };
    if (checked.type !== "bool" && checked.type !== "dyn") {
      return { ok: false, error: `condition must be a boolean, but it is ${checked.type}` };
    }
    if (hasNestedComprehension(program.ast)) {
      return {
        ok: false,
        error:
          "a list macro (all, exists, exists_one, map, filter) inside another one is not allowed: its cost grows with the square of the payload",
      };
    }
    const badPattern = findNode(program.ast, (n) => invalidRegexLiteral(n) !== null);
    if (badPattern) return { ok: false, error: invalidRegexLiteral(badPattern)! };
    const linear = !findNode(program.ast, (n) => isComprehension(n) || isCall(n, "matches"));
    return { ok: true, program: (activation) => program(activation as Record<string, unknown>), linear };
  } catch (e) {
    return { ok: false, error: tidyMessage(e instanceof Error ? e.message : String(e)) };
  }
}

/** The first node (depth first) of a cel-js AST that satisfies `test`. */
function findNode(node: unknown, test: (node: AstNode) => boolean): AstNode | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findNode(child, test);
      if (found) return found;
    }
    return null;
  }
  if (!node || typeof node !== "object" || !("op" in node)) return null;
  return test(node as AstNode) ? (node as AstNode) : findNode((node as AstNode).args, test);
}

// Macros and methods are receiver calls: { op: "rcall", args: [name, receiver, [arguments]] };
// global functions are { op: "call", args: [name, [arguments]] }.
function isCall(node: AstNode, name: string): boolean {
  return (node.op === "rcall" || node.op === "call") && Array.isArray(node.args) && node.args[0] === name;
}

function isComprehension(node: AstNode): boolean {
  return node.op === "rcall" && Array.isArray(node.args) && COMPREHENSIONS.has(node.args[0] as string);
}

/**
 * cel-js has no evaluation cost limit, and an agent controls the payload's size. One list macro
 * costs at most the length of a list times its body (bounded by the deadline); nested ones
 * multiply, so they are refused at compile time.
 */
function hasNestedComprehension(node: unknown, inside = false): boolean {
  if (Array.isArray(node)) return node.some((n) => hasNestedComprehension(n, inside));
  if (!node || typeof node !== "object" || !("op" in node)) return false;
  const comprehension = isComprehension(node as AstNode);
  if (comprehension && inside) return true;
  return hasNestedComprehension((node as AstNode).args, inside || comprehension);
}

/** `matches()` with a literal pattern that is no regular expression: say so now, not per request. */
function invalidRegexLiteral(node: AstNode): string | null {
  if (!isCall(node, "matches")) return null;
  const args = node.args as unknown[];
  const callArgs = (node.op === "rcall" ? args[2] : args[1]) as unknown[] | undefined;
  const pattern = callArgs?.[callArgs.length - 1] as { op?: string; args?: unknown } | undefined;
  if (pattern?.op !== "value" || typeof pattern.args !== "string") return null;
  try {
    new RegExp(pattern.args);
    return null;
  } catch {
    return `matches(): ${JSON.stringify(pattern.args)} is not a valid regular expression`;
  }
}

function tidyMessage(message: string): string {
  // cel-js appends a source excerpt with a caret; keep it, it shows where the problem is.
  return message.trim();
}
