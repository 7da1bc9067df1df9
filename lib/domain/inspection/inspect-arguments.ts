import { logger } from "@/lib/platform/logger.ts";
import { isPathTraversal } from "./detect-path-traversal.ts";
import { hasHiddenUnicode } from "./detect-hidden-unicode.ts";
import { isShellInjection } from "./detect-shell-injection.ts";
import { isDestructiveSql, isSqlInjection } from "./detect-sql.ts";
import { hasDeceptiveUserinfo, hasLookalikeHost, hasPrivateAddressUrl } from "./detect-url-risks.ts";
import { riskScore, type RiskFlag } from "./risk-flags.ts";

// Argument inspection: every string an agent sent — payload values and keys, and the summary —
// read by the detectors, before any policy runs. The work is bounded (MAX_SCANNED_CHARS in all),
// and a detector that fails cannot fail the submission: it raises inspection.incomplete, which
// means review, never allow.

/** A string longer than this is more than a reviewer can read (text.oversized). */
export const OVERSIZED_CHARS = 10_000;
/** Total characters scanned per submission; beyond it, inspection.incomplete. */
export const MAX_SCANNED_CHARS = 1_000_000;
const MAX_FINDINGS = 50;

export type Detector = { flag: RiskFlag; test: (text: string) => boolean };

export const DETECTORS: Detector[] = [
  { flag: "sql.destructive", test: isDestructiveSql },
  { flag: "sql.injection", test: isSqlInjection },
  { flag: "shell.injection", test: isShellInjection },
  { flag: "path.traversal", test: isPathTraversal },
  { flag: "url.private_address", test: hasPrivateAddressUrl },
  { flag: "url.punycode", test: hasLookalikeHost },
  { flag: "url.deceptive_userinfo", test: hasDeceptiveUserinfo },
  { flag: "text.hidden_unicode", test: hasHiddenUnicode },
  { flag: "text.oversized", test: (text) => text.length > OVERSIZED_CHARS },
];

/** Where a flag was raised: a JSON pointer into the submitted body (`/payload/to`, `/summary`). */
export type RiskFinding = { flag: RiskFlag; path: string };
export type Inspection = { flags: RiskFlag[]; score: number; findings: RiskFinding[] };

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** Every string of a JSON value with its pointer: object keys too (`{"../../etc/passwd": 1}`). */
export function* stringsOf(value: unknown, base: string): Generator<{ path: string; text: string }> {
  const stack: [unknown, string][] = [[value, base]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (typeof node === "string") yield { path, text: node };
    else if (Array.isArray(node)) for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], `${path}/${i}`]);
    else if (node !== null && typeof node === "object") {
      for (const [key, child] of Object.entries(node).reverse()) {
        const childPath = `${path}/${escapePointer(key)}`;
        stack.push([child, childPath]);
        yield { path: childPath, text: key };
      }
    }
  }
}

/** The flag of one detector on one string; a detector that throws counts as incomplete. */
function run(detector: Detector, text: string): RiskFlag | null {
  try {
    return detector.test(text) ? detector.flag : null;
  } catch (err) {
    logger.error({ err: (err as Error).message, detector: detector.flag }, "detector failed; the request goes to review");
    return "inspection.incomplete";
  }
}

/** Inspects one string with every detector (used by the corpus report and the tests too). */
export function detectFlags(text: string, detectors: Detector[] = DETECTORS): RiskFlag[] {
  const flags = new Set<RiskFlag>();
  for (const d of detectors) {
    const flag = run(d, text);
    if (flag) flags.add(flag);
  }
  return [...flags];
}

export function inspectArguments(
  input: { payload: unknown; summary?: string | null },
  options: { maxScannedChars?: number; detectors?: Detector[] } = {},
): Inspection {
  const budget = options.maxScannedChars ?? MAX_SCANNED_CHARS;
  const flags = new Set<RiskFlag>();
  const findings: RiskFinding[] = [];
  const note = (flag: RiskFlag, path: string) => {
    flags.add(flag);
    if (findings.length < MAX_FINDINGS && !findings.some((f) => f.flag === flag && f.path === path)) findings.push({ flag, path });
  };
  let scanned = 0;
  const sources = [stringsOf(input.payload, "/payload"), ...(input.summary ? [[{ path: "/summary", text: input.summary }]] : [])];
  outer: for (const source of sources) {
    for (const { path, text } of source) {
      if (text.length > OVERSIZED_CHARS) note("text.oversized", path);
      scanned += text.length;
      if (scanned > budget) {
        note("inspection.incomplete", path);
        break outer;
      }
      for (const flag of detectFlags(text, options.detectors)) note(flag, path);
    }
  }
  const list = [...flags].sort();
  return { flags: list, score: riskScore(list), findings };
}
