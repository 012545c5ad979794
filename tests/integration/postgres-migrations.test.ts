import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.ts';
import {
  applyMigrations,
  migrationNames,
  postgresBaseline,
  schemaDriftSql,
} from '../../src/storage/migrations.ts';
import { waitFor } from './helpers.ts';
import { createPostgresDatabase, postgresAdminUrl } from './test-store.ts';

// Runs in the integration-pg project only (a real PostgreSQL server from tests/postgres-global-setup.ts).
const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-pgmig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const admin = () => {
  const url = postgresAdminUrl();
  if (!url) throw new Error('no PostgreSQL server: run this file in the integration-pg project');
  return url;
};

describe('migrations for both stores are kept in step', () => {
  it('prisma/migrations-postgres applied to an empty PostgreSQL database is exactly schema.prisma', async () => {
    expect(await schemaDriftSql(await createPostgresDatabase(admin()))).toBeNull();
  });

  it('prisma/migrations applied to an empty SQLite file is exactly schema.prisma', async () => {
    expect(await schemaDriftSql(`file:${path.join(dir, 'fresh.db')}`)).toBeNull();
  });

  it('every migration after the PostgreSQL baseline has a twin of the same name in the other store', () => {
    const sqlite = migrationNames('sqlite').filter((n) => n > postgresBaseline);
    const postgres = migrationNames('postgresql').filter((n) => n !== postgresBaseline);
    expect(postgres).toEqual(sqlite);
    expect(migrationNames('postgresql')[0]).toBe(postgresBaseline);
  });

  it("apply once on PostgreSQL into Prisma's _prisma_migrations, then apply nothing", async () => {
    const url = await createPostgresDatabase(admin());
    const first = await applyMigrations(url);
    expect(first).toEqual(migrationNames('postgresql'));
    expect(await applyMigrations(url)).toEqual([]);
    const db = await openDatabase(url, { migrate: false });
    try {
      const rows = await db.$queryRawUnsafe<Array<{ migration_name: string }>>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
      );
      expect(rows.map((r) => r.migration_name)).toEqual(first);
    } finally {
      await db.$disconnect();
    }
  });

  it('three instances starting at once on an empty PostgreSQL database: one migrates, the others wait and find it done', async () => {
    const url = await createPostgresDatabase(admin());
    const runs = await Promise.allSettled([applyMigrations(url), applyMigrations(url), applyMigrations(url)]);
    expect(runs.filter((r) => r.status === 'rejected')).toEqual([]);
    const applied = runs.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    // Each migration applied by exactly one of them.
    expect([...applied].sort()).toEqual(migrationNames('postgresql'));
    const db = await openDatabase(url, { migrate: false });
    try {
      const rows = await db.$queryRawUnsafe<
        Array<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>
      >('SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name');
      expect(rows.map((r) => r.migration_name)).toEqual(migrationNames('postgresql'));
      expect(rows.filter((r) => r.finished_at === null || r.rolled_back_at !== null)).toEqual([]);
    } finally {
      await db.$disconnect();
    }
  });

  it('an instance starting while another has been migrating for longer than ten seconds waits for it instead of failing', async () => {
    const url = await createPostgresDatabase(admin());
    // Another instance mid-migration holds the migration lock (the key Prisma's engine locks, 72707369)
    // for longer than the engine's own ten-second wait for it: on a big table a migration takes that long.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query('SELECT pg_advisory_lock(72707369)');
    const runs = Promise.allSettled([applyMigrations(url), applyMigrations(url)]);
    const waiting = async () =>
      Number(
        (
          await other.query(
            `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          )
        ).rows[0].n,
      );
    await waitFor('both starting instances waiting for the lock', async () => (await waiting()) >= 2, 30_000);
    // Past Prisma's ten seconds, the other instance finishes.
    await new Promise((r) => setTimeout(r, 12_000));
    await other.end();
    const settled = await runs;
    expect(settled.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
    const applied = settled.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    expect([...applied].sort()).toEqual(migrationNames('postgresql'));
  }, 60_000);
});
