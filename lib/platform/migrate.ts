import { openSchemaEngine, readMigrations, NO_FILTER } from "./schema-engine.ts";

/**
 * Applies every migration under prisma/migrations that the database has not seen, recording them
 * in `_prisma_migrations` exactly as `prisma migrate deploy` would.
 */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const { engine, close } = await openSchemaEngine(databaseUrl);
  try {
    const out = await engine.applyMigrations({ migrationsList: readMigrations(), filters: NO_FILTER });
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}
