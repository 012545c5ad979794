import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.ts';
import { applyMigrations, migrationNames, pendingSchemaSql } from '../../src/storage/migrations.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-mig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations', () => {
  it("apply once into Prisma's own _prisma_migrations table, then apply nothing", async () => {
    const url = `file:${path.join(dir, 'a.db')}`;
    const first = await applyMigrations(url);
    expect(first.length).toBeGreaterThan(0);
    expect(await applyMigrations(url)).toEqual([]);
    const db = await openDatabase(url);
    const rows = await db.$queryRawUnsafe<Array<{ migration_name: string; finished_at: unknown }>>(
      'SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(first);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    await db.$disconnect();
  });

  it('schema.prisma and prisma/migrations agree (a schema change without a migration fails here)', async () => {
    expect(await pendingSchemaSql()).toBeNull();
  });

  it('three runs at once on a fresh SQLite file (one process: the SQLite busy wait blocks it): each migration applied once, none fails', async () => {
    const url = `file:${path.join(dir, 'together.db')}`;
    const runs = await Promise.allSettled([applyMigrations(url), applyMigrations(url), applyMigrations(url)]);
    expect(runs.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);
    const applied = runs.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    const db = await openDatabase(url, { migrate: false });
    const rows = await db.$queryRawUnsafe<Array<{ migration_name: string }>>(
      'SELECT migration_name FROM _prisma_migrations ORDER BY migration_name',
    );
    await db.$disconnect();
    expect([...applied].sort()).toEqual(migrationNames('sqlite'));
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames('sqlite'));
  });
});
