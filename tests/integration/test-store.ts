import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * The store the integration suite runs against: a SQLite file in `dir`, or — in the `integration-pg`
 * project, whose global setup started a real PostgreSQL server — a new database on that server, already
 * migrated (a copy of the migrated template; start-up then finds nothing to apply, as on a SQLite file it
 * migrates itself) unless `empty` is asked for.
 */
export async function testDatabaseUrl(
  dir: string,
  file = 'test.db',
  options: { empty?: boolean } = {},
): Promise<string> {
  const admin = postgresAdminUrl();
  if (!admin) return `file:${path.join(dir, file)}`;
  return createPostgresDatabase(admin, options.empty ? undefined : inject('postgresMigratedTemplate'));
}

export function postgresAdminUrl(): string | undefined {
  try {
    return inject('postgresAdminUrl');
  } catch {
    return undefined;
  }
}

/** A new database next to `adminUrl`'s (empty, or a copy of `template`), returned as its URL. */
export async function createPostgresDatabase(adminUrl: string, template?: string): Promise<string> {
  const name = `yorisoi_${randomUUID().replace(/-/g, '')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
