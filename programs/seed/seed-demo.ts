import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createAgent } from "@/lib/domain/agents/create-agent.ts";
import { applyConfig } from "@/lib/domain/config/apply-config.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { db } from "@/lib/platform/db.ts";
import { createUser } from "@/lib/domain/users/create-user.ts";

export type DemoCredentials = {
  adminEmail: string;
  adminPassword: string;
  reviewerEmail: string;
  reviewerPassword: string;
  agentId: string;
  agentName: string;
  apiKey: string;
};

const SYSTEM = { kind: "system", name: "seed" } as const;
const DEMO_CONFIG = path.resolve("prisma/seed/demo-config.yaml");

/**
 * The first start of a local install seeds a demo: the action types and policies of
 * prisma/seed/demo-config.yaml, an admin, a reviewer in `finance`, and an agent — with random
 * passwords and key, returned once for the launcher to print. Never used with DATABASE_URL.
 */
export async function seedDemo(): Promise<DemoCredentials> {
  if ((await db().user.count()) > 0)
    throw new AppError("conflict", "The database already has users; the demo seed only runs on a new local install");
  const password = () => randomBytes(12).toString("base64url");
  const creds = {
    adminEmail: "admin@countersign.local",
    adminPassword: password(),
    reviewerEmail: "reviewer@countersign.local",
    reviewerPassword: password(),
  };
  await applyConfig({ actor: SYSTEM, source: readFileSync(DEMO_CONFIG, "utf8"), format: "yaml" });
  await createUser({ actor: SYSTEM, email: creds.adminEmail, password: creds.adminPassword, role: "admin", name: "Demo Admin" });
  await createUser({
    actor: SYSTEM,
    email: creds.reviewerEmail,
    password: creds.reviewerPassword,
    role: "reviewer",
    groups: ["finance"],
    name: "Demo Reviewer",
  });
  const agent = await createAgent({ actor: SYSTEM, name: "demo-agent", scopes: ["*"], tags: ["demo"] });
  return { ...creds, agentId: agent.agentId, agentName: "demo-agent", apiKey: agent.apiKey };
}
