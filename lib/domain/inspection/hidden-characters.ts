// Characters a reader cannot see: bidi overrides that reorder what follows ("invoice-\u202Egpj.exe"
// displays as "invoice-exe.jpg"), zero-width and other invisible characters, control characters,
// Unicode tag characters and the supplementary variation selectors U+E0100–U+E01EF (both known
// ways to smuggle hidden bytes or instructions into text: a selector after a visible character
// renders as nothing), and the Hangul fillers that render as blank space. The reviewer pages
// reveal them; the argument inspection of submissions flags them (detect-hidden-unicode.ts, which
// lets ordinary uses pass).
export const HIDDEN_CHARACTERS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F\uDD00-\uDDEF]/g;

/** "U+202E": how a hidden character is named to the reader. */
export function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}
