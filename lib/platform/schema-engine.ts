import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

// Prisma's WebAssembly schema engine, driven through the pg driver adapter: no native engine
// binary is downloaded or run (docs/DEVELOPING.md). Needs `node --experimental-wasm-modules`.

export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
export const MIGRATIONS_DIR = path.resolve("prisma/migrations");

export type OpenEngine = { engine: SchemaEngine; close: () => Promise<void> };

export async function openSchemaEngine(databaseUrl: string, schemaPath = SCHEMA_PATH): Promise<OpenEngine> {
  const { SchemaEngine } = await import("@prisma/schema-engine-wasm");
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const adapter = bindMigrationAwareSqlAdapterFactory(wholeScripts(new PrismaPg(pool), pool));
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, readFileSync(schemaPath, "utf8")]] }, () => {}, adapter);
  return {
    engine,
    close: async () => {
      engine.free();
      await pool.end();
    },
  };
}

/**
 * The pg adapter runs a migration script by splitting it at every ";" — which cuts a PL/pgSQL
 * function body (and a comment with a semicolon) in pieces. The native engine behind
 * `prisma migrate deploy` sends the script whole; so do we: one simple-protocol query, which
 * PostgreSQL runs as one implicit transaction.
 */
function wholeScripts(factory: PrismaPg, pool: pg.Pool): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (error) {
        (adapter as unknown as { onError: (e: unknown) => never }).onError(error);
      }
    };
    return adapter;
  };
  return factory;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationList {
  const lockPath = path.join(dir, "migration_lock.toml");
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: readFileSync(path.join(dir, name, "migration.sql"), "utf8") } },
    })),
  };
}

export const NO_FILTER = { externalTables: [], externalEnums: [] };
