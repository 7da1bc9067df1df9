// Agent-written text as inert, honest text: React escapes markup, and the characters a reader
// cannot see (lib/domain/inspection/hidden-characters.ts) are shown as visible markers.
import { codePoint, HIDDEN_CHARACTERS } from "@/lib/domain/inspection/hidden-characters.ts";

/**
 * Renders `text` as text nodes, each hidden character replaced by a visible `U+XXXX` marker.
 * <bdi dir="ltr"> isolates it, so right-to-left text inside cannot reorder the text around it,
 * and every string reads in the same base direction.
 */
export function VisibleText({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(HIDDEN_CHARACTERS)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(
      <span
        key={match.index}
        data-testid="hidden-char"
        className="mx-px rounded-sm bg-red-100 px-0.5 font-mono text-[0.7em] font-semibold text-red-800 ring-1 ring-red-300"
      >
        {codePoint(match[0])}
      </span>,
    );
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <bdi dir="ltr">{parts}</bdi>;
}
