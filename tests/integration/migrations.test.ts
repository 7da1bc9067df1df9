import { readFileSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { NO_FILTER, SCHEMA_PATH, openSchemaEngine } from "@/lib/platform/schema-engine.ts";
import { withScratchDatabase } from "../support/scratch-database.ts";

// The database the migrations build must be the database schema.prisma describes: one scratch
// database is migrated, another is created straight from schema.prisma, and their catalogs compared.
const CATALOG_QUERIES = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
            ORDER BY table_name, column_name`,
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename, indexname`,
  constraints: `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
                ORDER BY tbl, conname`,
  enums: `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
          ORDER BY t.typname, e.enumsortorder`,
};

async function catalog(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, unknown[]> = {};
    for (const [name, sql] of Object.entries(CATALOG_QUERIES)) out[name] = (await client.query(sql)).rows;
    return out;
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("build exactly the database that schema.prisma describes", async () => {
    const migrated = await withScratchDatabase((url) => catalog(url));
    const fromSchema = await withScratchDatabase(
      async (url) => {
        const { engine, close } = await openSchemaEngine(url);
        try {
          const diff = await engine.diff({
            from: { tag: "empty" },
            to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, "utf8") }] },
            script: true,
            exitCode: null,
            filters: NO_FILTER,
          });
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          await client.query(diff.stdout ?? "");
          await client.end();
        } finally {
          await close();
        }
        return catalog(url);
      },
      { migrate: false },
    );
    expect(migrated.columns!.length).toBeGreaterThan(50);
    expect(migrated).toEqual(fromSchema);
  });
});
