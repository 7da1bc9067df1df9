// The layering rules in eslint.config.mjs must be able to fail: each case plants an import that
// breaks a tier rule into a file of that tier (a new folder, so the deny-lists are shown to guard
// folders nobody listed) and expects the linter to refuse it; the allowed counterpart passes.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

const cases: { file: string; bad: string[]; good: string[] }[] = [
  {
    file: "app/(dashboard)/brand-new/page.tsx",
    bad: [
      'import { db } from "@/lib/platform/db.ts";',
      'import { db } from "@/lib/platform/db";',
      'import type { Prisma } from "@/lib/platform/prisma/client.ts";',
      'import { PrismaPg } from "@prisma/adapter-pg";',
      'import { db } from "../../../lib/platform/db.ts";',
    ],
    good: ['import { getRequest } from "@/lib/domain/requests/get-request.ts";'],
  },
  {
    file: "lib/domain/brand-new/do-something.ts",
    bad: [
      'import { redirect } from "next/navigation";',
      'import NextAuth from "next-auth";',
      'import { handle } from "@/lib/web/handle.ts";',
      'import { start } from "@/programs/launcher/start.ts";',
      'import { logger } from "../../platform/logger.ts";',
    ],
    good: [
      'import { db } from "@/lib/platform/db.ts";',
      'import { AppError } from "@/lib/kernel/errors.ts";',
      'import { getRequest } from "../requests/get-request.ts";',
    ],
  },
  {
    file: "lib/platform/brand-new/plumbing.ts",
    bad: [
      'import { submitRequest } from "@/lib/domain/requests/submit-request.ts";',
      'import { headers } from "next/headers";',
      'import { handle } from "@/lib/web/handle.ts";',
      'import { registry } from "@/workers/job-registry.ts";',
    ],
    good: ['import { env } from "@/lib/platform/env.ts";', 'import { AppError } from "@/lib/kernel/errors.ts";'],
  },
  {
    file: "lib/kernel/brand-new/helper.ts",
    bad: ['import { env } from "@/lib/platform/env.ts";', 'import { getRequest } from "@/lib/domain/requests/get-request.ts";'],
    good: ['import { AppError } from "@/lib/kernel/errors.ts";'],
  },
  {
    file: "packages/sdk/brand-new.ts",
    bad: [
      'import { AppError } from "@/lib/kernel/errors.ts";',
      'import { readFileSync } from "node:fs";',
      'import { x } from "../../lib/kernel/errors.ts";',
    ],
    good: ['import { Countersign } from "./countersign.ts";'],
  },
];

describe("layering lint rules", () => {
  for (const c of cases) {
    for (const line of c.bad) {
      it(`refuses in ${c.file}: ${line}`, async () => {
        expect(await restricted(c.file, `${line}\nexport {};\n`)).not.toEqual([]);
      });
    }
    it(`allows in ${c.file}: the downward imports`, async () => {
      expect(await restricted(c.file, `${c.good.join("\n")}\nexport {};\n`)).toEqual([]);
    });
  }
});
