// Agent-written text as inert, honest text. React escapes markup; this also makes the characters a
// reader cannot see visible: bidi overrides that reorder what follows ("invoice-\u202Egpj.exe"
// displays as "invoice-exe.jpg"), zero-width and other invisible characters, control characters,
// and Unicode tag characters (a known way to smuggle hidden instructions into text).
const HIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** True when the text holds characters that {@link VisibleText} reveals. */
export function hasHiddenCharacters(text: string): boolean {
  HIDDEN.lastIndex = 0;
  return HIDDEN.test(text);
}

/**
 * Renders `text` as text nodes, each hidden character replaced by a visible `U+XXXX` marker.
 * <bdi dir="ltr"> isolates it, so right-to-left text inside cannot reorder the text around it,
 * and every string reads in the same base direction.
 */
export function VisibleText({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(HIDDEN)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(
      <span key={match.index} data-testid="hidden-char" className="mx-px rounded-sm bg-red-100 px-0.5 font-mono text-[0.7em] font-semibold text-red-800 ring-1 ring-red-300">
        {codePoint(match[0])}
      </span>,
    );
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <bdi dir="ltr">{parts}</bdi>;
}
