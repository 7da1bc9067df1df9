import { HIDDEN_CHARACTERS } from "./hidden-characters.ts";

// text.hidden_unicode: characters that change what a reader sees. Some invisible characters are
// ordinary in real text, and flagging them would bury the real findings in multilingual payloads:
// - ZERO WIDTH JOINER inside emoji sequences (👩‍💻) and in Indic and Arabic-script words;
// - ZERO WIDTH NON-JOINER in Persian, Arabic-script and Indic words (می‌خواهم);
// - LEFT-TO-RIGHT / RIGHT-TO-LEFT / ARABIC LETTER MARKs in text that contains right-to-left script;
// - a byte-order mark at the very start of a string (files read from Windows tools);
// - one supplementary variation selector right after a Han ideograph (an Ideographic Variation
//   Sequence, e.g. the registered glyph of a Japanese name); a second one, or one after anything
//   else, is hidden data.
// Bidi overrides, isolates, zero-width spaces, tag characters and control characters always count.

const JOINING_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Syriac}\p{M}]/u;
const EMOJI = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F]/u;
const RTL = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}]/u;
const HAN = /\p{Script=Han}/u;
const SUPPLEMENTARY_VARIATION_SELECTOR = /^\uDB40[\uDD00-\uDDEF]$/;

function charBefore(text: string, index: number): string {
  const cp = text.codePointAt(index - 1);
  if (cp === undefined) return "";
  // A low surrogate: step back over the pair.
  if (cp >= 0xdc00 && cp <= 0xdfff && index >= 2) return String.fromCodePoint(text.codePointAt(index - 2)!);
  return String.fromCodePoint(cp);
}

function charAfter(text: string, index: number): string {
  const cp = text.codePointAt(index + 1);
  return cp === undefined ? "" : String.fromCodePoint(cp);
}

function legitimate(ch: string, text: string, index: number): boolean {
  const before = charBefore(text, index);
  if (SUPPLEMENTARY_VARIATION_SELECTOR.test(ch)) return HAN.test(before);
  const after = charAfter(text, index);
  switch (ch) {
    case "\u200D":
      return (EMOJI.test(before) && EMOJI.test(after)) || (JOINING_SCRIPT.test(before) && JOINING_SCRIPT.test(after));
    case "\u200C":
      return JOINING_SCRIPT.test(before) && JOINING_SCRIPT.test(after);
    case "\u200E":
    case "\u200F":
    case "\u061C":
      return RTL.test(text);
    case "\uFEFF":
      return index === 0;
    default:
      return false;
  }
}

export function hasHiddenUnicode(text: string): boolean {
  HIDDEN_CHARACTERS.lastIndex = 0;
  for (const m of text.matchAll(HIDDEN_CHARACTERS)) {
    if (!legitimate(m[0], text, m.index)) return true;
  }
  return false;
}
