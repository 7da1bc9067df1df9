import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "@/lib/platform/migrate.ts";

/**
 * A throw-away database on the test server, migrated: for tests that must damage what they
 * inspect (audit tampering) without disturbing the tests sharing the main test database.
 */
export async function withScratchDatabase<T>(run: (url: string) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const base = new URL(process.env.DATABASE_URL!);
  const name = `scratch_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    if (options.migrate ?? true) await applyMigrations(url.toString());
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
