import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layering rules of docs/ARCHITECTURE.md, enforced: routes never touch the database directly,
// and domain services never depend on the web framework.
const domainFolders = ["agents", "audit", "auth", "config", "policies", "requests", "reviews", "users", "api-keys", "action-types"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/server/db", "@/lib/server/prisma/*", "@prisma/*"], message: "Call a service in lib/<domain> instead of Prisma." },
          ],
        },
      ],
    },
  },
  {
    files: domainFolders.map((d) => `lib/${d}/**/*.ts`),
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["next", "next/*", "next-auth", "next-auth/*", "@/lib/http/*"], message: "Domain code must not depend on the web framework." }] },
      ],
    },
  },
  {
    files: ["lib/sdk/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/*", "node:*"], message: "The SDK is standalone: fetch only." }] }],
    },
  },
  globalIgnores([".next/**", ".data/**", "node_modules/**", "lib/server/prisma/**", "lib/sdk/dist/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
]);
