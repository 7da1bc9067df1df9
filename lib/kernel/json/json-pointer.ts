// RFC 6901 JSON pointers over parsed JSON values: the action type's sensitiveFields and
// budgetField name payload values this way ("/to", "/card/number", "/items/0/iban").

function tokens(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function child(node: unknown, token: string): { found: boolean; value?: unknown } {
  if (Array.isArray(node)) {
    if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= node.length) return { found: false };
    return { found: true, value: node[Number(token)] };
  }
  if (node !== null && typeof node === "object" && Object.hasOwn(node, token))
    return { found: true, value: (node as Record<string, unknown>)[token] };
  return { found: false };
}

/** The value at `pointer`, or `found: false` when the document has none there. */
export function getAtPointer(document: unknown, pointer: string): { found: boolean; value?: unknown } {
  let node: unknown = document;
  for (const token of tokens(pointer)) {
    const next = child(node, token);
    if (!next.found) return { found: false };
    node = next.value;
  }
  return { found: true, value: node };
}

/** A copy of `document` with the value at an existing `pointer` replaced (the root cannot be). */
export function replaceAtPointer(document: unknown, pointer: string, value: unknown): unknown {
  const path = tokens(pointer);
  if (path.length === 0 || !getAtPointer(document, pointer).found) return document;
  const copy = (node: unknown, depth: number): unknown => {
    const token = path[depth]!;
    const next = depth === path.length - 1 ? value : copy(child(node, token).value, depth + 1);
    if (Array.isArray(node)) return node.map((v, i) => (i === Number(token) ? next : v));
    return { ...(node as Record<string, unknown>), [token]: next };
  };
  return copy(document, 0);
}
