import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.ts';
import {
  applyMigrations,
  migrationNames,
  postgresBaseline,
  schemaDriftSql,
} from '../../src/storage/migrations.ts';
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
});
