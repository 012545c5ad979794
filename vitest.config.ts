import { defineConfig } from 'vitest/config';

// The whole integration suite runs twice: on SQLite (`integration`) and on a real PostgreSQL server started
// by tests/postgres-global-setup.ts (`integration-pg`). Every test that opens a store — directly, through the
// sandbox (tests/integration/helpers.ts) or in a child process (`yorisoi start`, CLI commands, the crash
// tests) — takes its DATABASE_URL from tests/integration/test-store.ts `testDatabaseUrl`: a SQLite file in
// `integration`, a new database on that server in `integration-pg`. postgres-*.test.ts run on PostgreSQL only.
export const sqliteOnlyTests = [
  // The simulators alone (their contracts with Slack's and Zendesk's APIs): no store is opened.
  'tests/integration/sim/**',
  'tests/integration/zendesk-client.test.ts',
  'tests/integration/zendesk-setup.test.ts',
  // `yorisoi check` lints text from files and stdin: no store.
  'tests/integration/writing-check-cli.test.ts',
  // `yorisoi demo` always plays on its own throwaway SQLite file (it reads no DATABASE_URL): on PostgreSQL
  // it would be the same five-minute run again.
  'tests/integration/demo.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        // Some unit tests run the WebAssembly schema engine or kuromoji: seconds on a busy 2-core machine.
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: ['tests/integration/postgres-*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration-pg',
          include: ['tests/integration/**/*.test.ts'],
          exclude: sqliteOnlyTests,
          globalSetup: ['tests/postgres-global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
