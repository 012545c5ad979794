import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { PrismaClient as PrismaPgClient } from '../generated/prisma-pg/client.ts';
import { applyMigrations, ensureDatabaseFolder, type Provider, providerOf } from './migrations.ts';
import { serializeSqlite } from './sqlite-serial.ts';

export type Db = InstanceType<typeof PrismaClient>;
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const providers = new WeakMap<object, Provider>();

/** Which store a client talks to (for the few raw SQL statements that differ). */
export function providerOfDb(db: Db | Tx): Provider {
  return providers.get(db) ?? 'sqlite';
}

/**
 * Opens the database, applying pending migrations first (start-up and tests alike): SQLite for `file:…`
 * (the embedded default), PostgreSQL for `postgres://…`. Only this module knows which. Both clients are
 * generated from the one schema.prisma (scripts/prisma-generate.js), so they share the `Db` type.
 */
export async function openDatabase(url: string, options: { migrate?: boolean } = {}): Promise<Db> {
  ensureDatabaseFolder(url);
  if (options.migrate !== false) await applyMigrations(url);
  if (providerOf(url) === 'postgresql') {
    // Every statement is a network round trip here: Prisma's 5 s default for an interactive transaction
    // is tight for a ticket with hundreds of comments on a busy server.
    const pg = new PrismaPgClient({
      adapter: new PrismaPg({ connectionString: url }),
      transactionOptions: { timeout: 30_000, maxWait: 10_000 },
    }) as unknown as Db;
    providers.set(pg, 'postgresql');
    return pg;
  }
  const prisma = new PrismaClient({
    adapter: serializeSqlite(
      new PrismaBetterSqlite3({ url, timeout: 10_000 }, { timestampFormat: 'unixepoch-ms' }),
    ),
  });
  // Timestamps as epoch milliseconds: raw SQL (the outbox's due query) compares them as numbers.
  // WAL lets the outbox worker read while intake writes; a crash loses no committed row either way.
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  providers.set(prisma, 'sqlite');
  return prisma;
}

/** Names of the migrations recorded as applied in `_prisma_migrations` (readiness compares them with the code's). */
export async function appliedMigrationNames(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<Array<{ migration_name: string }>>(
    'SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL',
  );
  return rows.map((r) => r.migration_name);
}
