import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./prisma/client.ts";
import { databaseUrl } from "./env.ts";

export type { Prisma } from "./prisma/client.ts";
/** A transaction client, as handed to helpers that must run inside the caller's transaction. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { countersignDb?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl(), max: 20 });
  return new PrismaClient({ adapter });
}

/** The process-wide Prisma client (one pool per process, reused across hot reloads). */
export function db(): PrismaClient {
  globalForDb.countersignDb ??= createClient();
  return globalForDb.countersignDb;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.countersignDb?.$disconnect();
  globalForDb.countersignDb = undefined;
}
