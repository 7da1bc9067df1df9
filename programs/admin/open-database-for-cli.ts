import { localDatabaseUrl, readLocalInstall } from "@/programs/local/local-install.ts";
import { startLocalPostgres } from "@/programs/local/local-postgres.ts";

/**
 * Finds the database the way `npm start` does: DATABASE_URL if set, else the local install under
 * .data/ — starting its PostgreSQL for the duration of the command if it is not running.
 * Returns a function that stops what was started.
 */
export async function openDatabaseForCli(log: (line: string) => void): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) return async () => {};
  const install = readLocalInstall();
  if (!install) throw new Error("No local install under .data/: run `npm start` once, or set DATABASE_URL.");
  const postgres = await startLocalPostgres(install, log);
  process.env.DATABASE_URL = localDatabaseUrl(install);
  process.env.ENCRYPTION_KEYS ??= install.encryptionKeys;
  return postgres.stop;
}
