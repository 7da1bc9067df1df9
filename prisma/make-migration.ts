// Creates prisma/migrations/<timestamp>_<name>/migration.sql offline, without any database:
// Prisma's wasm schema engine diffs the datamodel as of the newest migration (kept beside it as
// schema.prisma) against prisma/schema.prisma. Usage: npm run db:migration -- <name>
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { MIGRATIONS_DIR, NO_FILTER, SCHEMA_PATH, openSchemaEngine, readMigrations } from "../lib/platform/schema-engine.ts";

const name = z
  .string()
  .regex(/^[a-z0-9_]+$/, "use lowercase letters, digits and _")
  .parse(process.argv[2]);

const previous = readMigrations().migrationDirectories.at(-1);
const previousSchema = previous ? path.join(MIGRATIONS_DIR, previous.path, "schema.prisma") : null;
if (previousSchema && !existsSync(previousSchema)) throw new Error(`${previousSchema} is missing`);
const current = readFileSync(SCHEMA_PATH, "utf8");

// The engine needs a connection string to pick the connector; no connection is opened for a diff.
const { engine, close } = await openSchemaEngine(process.env.DATABASE_URL ?? "postgresql://offline@127.0.0.1:1/offline");
try {
  const result = await engine.diff({
    from: previousSchema
      ? { tag: "schemaDatamodel", files: [{ path: previousSchema, content: readFileSync(previousSchema, "utf8") }] }
      : { tag: "empty" },
    to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: current }] },
    script: true,
    exitCode: true,
    filters: NO_FILTER,
  });
  if (result.exitCode === 0) {
    console.log("schema.prisma matches the migrations: nothing to do");
  } else {
    const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), result.stdout ?? "");
    writeFileSync(path.join(dir, "schema.prisma"), current);
    const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
    if (!existsSync(lock)) writeFileSync(lock, 'provider = "postgresql"\n');
    console.log(`created ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await close();
}
