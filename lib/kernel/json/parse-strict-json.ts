import { AppError } from "@/lib/kernel/errors.ts";

// JSON.parse resolves ambiguity silently: a repeated key keeps its last value (`"amount":50,
// "amount":5000` is 5000, while a reviewer or a signature checker reading the text may take the
// first), `__proto__` becomes an own property that the next object spread turns into a prototype
// (the payload is stored as `{}`), and a number past double range becomes Infinity (then `null`
// once re-serialised). A body whose meaning depends on the reader is refused instead.

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

type Frame = { kind: "object"; keys: Set<string>; expectKey: boolean; path: string } | { kind: "array"; index: number; path: string };

const pointerToken = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

function refuse(message: string, path: string): AppError {
  return new AppError("validation_error", message, [{ path: path || "/", message }]);
}

/** Where the next value in this frame sits, as a JSON pointer. */
function childPath(frame: Frame | undefined, key: string | null): string {
  if (!frame) return "";
  if (frame.kind === "array") return `${frame.path}/${frame.index}`;
  return `${frame.path}/${pointerToken(key ?? "")}`;
}

/**
 * Parses JSON text and refuses what JSON.parse would silently rewrite: duplicate keys in an
 * object, a `__proto__` key, and numbers outside double range. Syntax errors are refused too.
 * The scan runs after JSON.parse accepted the text, so it only needs to follow its structure.
 */
export function parseStrictJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("validation_error", "Request body is not valid JSON");
  }
  const stack: Frame[] = [];
  let lastKey: string | null = null;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (WHITESPACE.has(c)) {
      i++;
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === "{" || c === "[") {
      const path = childPath(top, lastKey);
      stack.push(c === "{" ? { kind: "object", keys: new Set(), expectKey: true, path } : { kind: "array", index: 0, path });
      i++;
    } else if (c === "}" || c === "]") {
      stack.pop();
      i++;
    } else if (c === ":") {
      if (top?.kind === "object") top.expectKey = false;
      i++;
    } else if (c === ",") {
      if (top?.kind === "object") top.expectKey = true;
      else if (top?.kind === "array") top.index++;
      i++;
    } else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      if (top?.kind === "object" && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const at = `${top.path}/${pointerToken(key)}`;
        if (key === "__proto__") throw refuse('The key "__proto__" is not accepted', at);
        if (top.keys.has(key)) throw refuse(`The key "${key}" appears more than once in the same object`, at);
        top.keys.add(key);
        lastKey = key;
      }
      i = end + 1;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      let end = i + 1;
      while (end < text.length && /[0-9eE.+-]/.test(text[end]!)) end++;
      if (!Number.isFinite(Number(text.slice(i, end)))) throw refuse("A number is too large to represent", childPath(top, lastKey));
      i = end;
    } else {
      // true, false, null: JSON.parse already checked the spelling.
      i += c === "f" ? 5 : 4;
    }
  }
  return value;
}
