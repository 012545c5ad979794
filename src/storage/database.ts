import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.ts';
import { applyMigrations, ensureDatabaseFolder } from './migrations.ts';

export type Db = InstanceType<typeof PrismaClient>;
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * Opens the SQLite database, applying pending migrations first (start-up and tests alike).
 * Only this module knows the database is SQLite; PostgreSQL would be another adapter here.
 */
export async function openDatabase(url: string, options: { migrate?: boolean } = {}): Promise<Db> {
  ensureDatabaseFolder(url);
  if (options.migrate !== false) await applyMigrations(url);
  const prisma = new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url, timeout: 10_000 }, { timestampFormat: 'unixepoch-ms' }),
  });
  // Timestamps as epoch milliseconds: raw SQL (the outbox's due query) compares them as numbers.
  // WAL lets the outbox worker read while intake writes; a crash loses no committed row either way.
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  return prisma;
}
