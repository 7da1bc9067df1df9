import { AppError } from "@/lib/kernel/errors.ts";

/** Deeper JSON than this is refused: nothing real needs it, and recursive validators overflow on it. */
export const MAX_JSON_DEPTH = 64;

// Text no part of the product can hold: PostgreSQL's text and jsonb refuse U+0000, and an unpaired
// UTF-16 surrogate is not a character at all (RFC 8785 cannot canonicalise it, so it has no
// payload hash). Refused at the edge as the client's mistake, not failed on as a 500 later.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether PostgreSQL can store this text (no U+0000, no unpaired surrogate). */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

const pointerToken = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Checks a parsed JSON value from a client — REST bodies and MCP tool arguments alike — without
 * recursion (the nesting may be hostile): at most MAX_JSON_DEPTH levels, and no string or key
 * holding U+0000 or an unpaired surrogate. Throws validation_error saying where.
 */
export function checkJsonValue(root: unknown): void {
  const stack: [unknown, number, string][] = [[root, 0, ""]];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!;
    if (typeof value === "string") {
      if (UNSTORABLE.test(value)) throw unstorable(path);
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (depth >= MAX_JSON_DEPTH) {
      throw new AppError("validation_error", `Request body is nested deeper than ${MAX_JSON_DEPTH} levels`, [
        { path: "/", message: "too deeply nested" },
      ]);
    }
    for (const [key, child] of Object.entries(value)) {
      const at = `${path}/${pointerToken(key)}`;
      if (UNSTORABLE.test(key)) throw unstorable(at);
      stack.push([child, depth + 1, at]);
    }
  }
}

function unstorable(path: string): AppError {
  const where = path || "/";
  return new AppError("validation_error", "Text may not contain U+0000 or an unpaired surrogate", [
    { path: where, message: "contains U+0000 or an unpaired UTF-16 surrogate" },
  ]);
}
