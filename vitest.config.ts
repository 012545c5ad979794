import { defineConfig } from 'vitest/config';

// The integration tests that exercise the store run twice: on SQLite (`integration`) and on a real
// PostgreSQL server started by tests/postgres-global-setup.ts (`integration-pg`). CLI, crash (child process)
// and pure simulator tests stay SQLite-only: the store is not what they test.
export const storeTests = [
  'tests/integration/ticket-thread.test.ts',
  'tests/integration/outbox-delivery.test.ts',
  'tests/integration/drafting.test.ts',
  // The webhook for our own reply can sync the ticket before the sender records the comment id; the
  // ticket store holds the author's comments back while a reply is on its way (PostgreSQL's timing shows it).
  'tests/integration/reply-send.test.ts',
  'tests/integration/care-chart.test.ts',
  'tests/integration/voice.test.ts',
  'tests/integration/volume-alerts.test.ts',
  'tests/integration/templates-slack.test.ts',
  'tests/integration/undo-snooze.test.ts',
  // The reminder's unique row per fired step is a store guarantee: it must hold on PostgreSQL too.
  'tests/integration/target-reminders.test.ts',
  'tests/integration/leases.test.ts',
  'tests/integration/health.test.ts',
  'tests/integration/postgres-*.test.ts',
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
          include: storeTests,
          globalSetup: ['tests/postgres-global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
