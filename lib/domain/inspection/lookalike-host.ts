import { domainToUnicode } from "node:url";

// Whether an internationalised host name can pass for another one. A label mixing Latin with
// Cyrillic, Greek or other scripts, a label written entirely in letters that look Latin
// ("аррӏе" in Cyrillic), a Latin label whose accents hide a well-known name ("paypaĺ"), or an
// xn-- label that does not even decode, is a lookalike. Single-script names in their own script
// (münchen.de, пример.рф, 例え.jp) are ordinary internationalised names and are not.

/** Letters of other scripts that render like Latin ones, mapped to the Latin letter they imitate. */
const LATIN_LOOKALIKES: Record<string, string> = {
  // Cyrillic
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  і: "i",
  ї: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  ӏ: "l",
  һ: "h",
  ԛ: "q",
  ԝ: "w",
  ү: "y",
  ɡ: "g",
  ѵ: "v",
  ӓ: "a",
  ӧ: "o",
  // Greek
  α: "a",
  ο: "o",
  ρ: "p",
  ν: "v",
  τ: "t",
  ι: "i",
  κ: "k",
  χ: "x",
  υ: "u",
  ε: "e",
  η: "n",
  ϲ: "c",
  ϳ: "j",
  // Armenian and others
  օ: "o",
  ս: "u",
  ց: "g",
  հ: "h",
  ո: "n",
  զ: "q",
  ı: "i",
};

/** Names attackers imitate most; a lookalike of one of these is flagged even in a single script. */
const WELL_KNOWN = new Set([
  "paypal",
  "google",
  "gmail",
  "apple",
  "icloud",
  "microsoft",
  "office",
  "outlook",
  "live",
  "amazon",
  "aws",
  "github",
  "gitlab",
  "facebook",
  "instagram",
  "whatsapp",
  "linkedin",
  "twitter",
  "netflix",
  "stripe",
  "slack",
  "dropbox",
  "okta",
  "salesforce",
  "coinbase",
  "binance",
  "chase",
  "wellsfargo",
  "bankofamerica",
  "citibank",
  "hsbc",
  "barclays",
  "revolut",
  "wise",
  "adobe",
  "docusign",
  "zoom",
  "yahoo",
  "ebay",
  "shopify",
  "cloudflare",
  "openai",
  "anthropic",
  "countersign",
]);

const SCRIPT_TESTS: [string, RegExp][] = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Armenian", /\p{Script=Armenian}/u],
  ["Cherokee", /\p{Script=Cherokee}/u],
  ["Georgian", /\p{Script=Georgian}/u],
  ["Hebrew", /\p{Script=Hebrew}/u],
  ["Arabic", /\p{Script=Arabic}/u],
  ["CJK", /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u],
  ["Thai", /\p{Script=Thai}/u],
  ["Devanagari", /\p{Script=Devanagari}/u],
];

function scriptsOf(label: string): Set<string> {
  const scripts = new Set<string>();
  for (const ch of label) {
    if (!/\p{L}/u.test(ch)) continue;
    const found = SCRIPT_TESTS.find(([, re]) => re.test(ch));
    scripts.add(found ? found[0] : "Other");
  }
  return scripts;
}

/** The label as the Latin letters it looks like: accents stripped, lookalikes replaced. */
function skeleton(label: string): string {
  return [...label.normalize("NFD").replace(/\p{M}/gu, "")].map((ch) => LATIN_LOOKALIKES[ch] ?? ch).join("");
}

export function isLookalikeLabel(label: string): boolean {
  if (/^[\x00-\x7f]*$/.test(label)) return false;
  const scripts = scriptsOf(label);
  // Japanese, Chinese and Korean names mix their scripts with Latin by design; nothing else does.
  const mixed = [...scripts].filter((s) => s !== "CJK" || !scripts.has("Latin"));
  if (mixed.length > 1) return true;
  const letters = [...label].filter((ch) => /\p{L}/u.test(ch));
  if (!scripts.has("Latin") && letters.length > 0 && letters.every((ch) => LATIN_LOOKALIKES[ch.toLowerCase()] !== undefined)) return true;
  const plain = skeleton(label.toLowerCase());
  return WELL_KNOWN.has(plain) || WELL_KNOWN.has(plain.replace(/-/g, ""));
}

/** Whether any label of the host (punycode or Unicode) is a lookalike or undecodable. */
export function isLookalikeHost(host: string): boolean {
  const asciiLabels = host.toLowerCase().split(".");
  const unicode = domainToUnicode(host);
  if (!unicode && asciiLabels.some((l) => l.startsWith("xn--"))) return true;
  const labels = (unicode || host).split(".");
  // An xn-- label that does not decode, or decodes to plain ASCII, is not an honest IDN.
  if (asciiLabels.some((l, i) => l.startsWith("xn--") && /^[\x00-\x7f]*$/.test(labels[i] ?? l))) return true;
  return labels.some(isLookalikeLabel);
}
