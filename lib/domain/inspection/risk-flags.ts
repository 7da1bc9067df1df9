// The catalogue of risk flags the platform can raise on a submission. Names are stable: policies
// test them in conditions (`"sql.destructive" in risk.flags`), action types list them as automatic
// rejects, and reviewers see them as platform findings, apart from anything the agent wrote.
// The detectors that raise them live beside this file; the reviewer pages read titles from here.

export type RiskFlagInfo = {
  /** Short reviewer-facing title. */
  title: string;
  /** One sentence on what was found and why it matters. */
  description: string;
  /** Contribution to `risk.score` (0-100, capped) when the flag is raised. */
  weight: number;
};

export const RISK_FLAGS = {
  "sql.destructive": {
    title: "Destructive SQL",
    description: "A statement that drops, truncates or deletes/updates without a WHERE clause.",
    weight: 60,
  },
  "sql.injection": {
    title: "SQL injection pattern",
    description:
      "Text shaped like an injection: a quote that closes a literal followed by SQL, tautologies, stacked queries or comment tricks.",
    weight: 50,
  },
  "shell.injection": {
    title: "Shell injection pattern",
    description: "Shell metacharacters that chain or substitute commands (;, &&, |, $(…), backticks) around a command.",
    weight: 50,
  },
  "path.traversal": {
    title: "Path traversal",
    description: "A path that climbs out of its directory (../, encoded forms) or names a sensitive system file.",
    weight: 40,
  },
  "url.private_address": {
    title: "URL to a private address",
    description: "A URL whose host is loopback, private, link-local (cloud metadata) or otherwise not public.",
    weight: 40,
  },
  "url.punycode": {
    title: "Lookalike internationalised host",
    description:
      "A host (URL, email or bare domain) whose internationalised or xn-- labels mix scripts, use letters that only look Latin, or imitate a well-known name.",
    weight: 30,
  },
  "url.deceptive_userinfo": {
    title: "URL hiding its real host",
    description:
      "A URL with a host name written before its @ (https://paypal.com@evil.example): it goes to the host after the @, not the one a reader sees first.",
    weight: 30,
  },
  "text.hidden_unicode": {
    title: "Hidden characters",
    description: "Bidi overrides, zero-width, tag, variation-selector or control characters that change what a reader sees or hide data.",
    weight: 30,
  },
  "text.oversized": {
    title: "Oversized text",
    description: "A string far longer than a reviewer can read, where instructions or data can hide.",
    weight: 10,
  },
  "inspection.incomplete": {
    title: "Inspection incomplete",
    description:
      "The platform could not inspect all of this request (too much text, or a detector failed), so it is never allowed without review.",
    weight: 20,
  },
  "budget.exceeded": {
    title: "Over the daily budget",
    description: "This request would take the agent past its daily spend budget for this action type.",
    weight: 40,
  },
} as const satisfies Record<string, RiskFlagInfo>;

export type RiskFlag = keyof typeof RISK_FLAGS;

export const RISK_FLAG_NAMES = Object.keys(RISK_FLAGS) as RiskFlag[];

export function isRiskFlag(name: string): name is RiskFlag {
  return Object.hasOwn(RISK_FLAGS, name);
}

/** The score of a set of flags: the sum of their weights, capped at 100. */
export function riskScore(flags: readonly string[]): number {
  const total = flags.reduce((sum, f) => sum + (isRiskFlag(f) ? RISK_FLAGS[f].weight : 0), 0);
  return Math.min(100, total);
}
