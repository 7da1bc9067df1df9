import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The tiers of docs/ARCHITECTURE.md, enforced as deny-lists on whole tiers, so a new folder in a
// tier is guarded without anyone adding it: imports point down only (entry points → domain →
// platform → kernel), and the SDK package stands alone. Imports inside lib/ that leave their
// folder use "@/…" (a relative climb of two levels is refused), so the "@/…" patterns see every
// crossing. tests/unit/lint/layering-guards.test.ts plants a violation of each rule and expects
// the linter to fail.
const framework = "^(next|next-auth)(/|$)";
const tier = (...names) => `^@/(${names.join("|")})(/|$)`;
const climb = { regex: "^\\.\\./\\.\\./", message: 'Leave the folder with an "@/…" import, so the tier rules see it.' };

const deny = (files, ...patterns) => ({ files, rules: { "no-restricted-imports": ["error", { patterns }] } });

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  deny(["app/**/*.{ts,tsx}"], {
    regex: "^(@prisma/|(@/|.*/)lib/platform/(db|prisma)(\\.ts$|/|$))",
    message: "Pages and routes call a service in lib/domain, never the database.",
  }),
  deny(
    ["lib/domain/**/*.{ts,tsx}"],
    { regex: framework, message: "The domain does not depend on the web framework." },
    { regex: tier("lib/web", "programs", "app", "workers"), message: "The domain does not import an entry point." },
    climb,
  ),
  deny(
    ["lib/platform/**/*.{ts,tsx}"],
    { regex: framework, message: "The platform does not depend on the web framework." },
    {
      regex: tier("lib/domain", "lib/web", "programs", "app", "workers"),
      message: "The platform never imports the domain: the domain registers with it.",
    },
    climb,
  ),
  deny(
    ["lib/kernel/**/*.{ts,tsx}"],
    { regex: `${framework}|^@prisma/`, message: "The kernel imports no one." },
    { regex: tier("lib/platform", "lib/domain", "lib/web", "programs", "app", "workers"), message: "The kernel imports no one." },
    climb,
  ),
  deny(["packages/sdk/**/*.{ts,tsx}"], {
    regex: "^(@/|node:|\\.\\./)",
    message: "The SDK is its own package: fetch and its own files only.",
  }),
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "lib/platform/prisma/**",
    "packages/sdk/dist/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
