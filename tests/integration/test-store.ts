import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * The store the integration suite runs against: a SQLite file in `dir`, or — in the `integration-pg`
 * project, whose global setup started a real PostgreSQL server — a new empty database on that server.
 */
export async function testDatabaseUrl(dir: string, file = 'test.db'): Promise<string> {
  const admin = postgresAdminUrl();
  if (!admin) return `file:${path.join(dir, file)}`;
  return createPostgresDatabase(admin);
}

export function postgresAdminUrl(): string | undefined {
  try {
    return inject('postgresAdminUrl');
  } catch {
    return undefined;
  }
}

/** A new empty database next to `adminUrl`'s, returned as its URL. */
export async function createPostgresDatabase(adminUrl: string): Promise<string> {
  const name = `yorisoi_${randomUUID().replace(/-/g, '')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
