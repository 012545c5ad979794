import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';
import { postgresAdminUrl } from './test-store.ts';

type Readiness = {
  ok: boolean;
  instance: string;
  checks: Record<string, { ok: boolean; detail?: string | number }>;
};

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox();
});
afterAll(async () => {
  await s?.close();
});

const get = async <T>(url: string) => {
  const r = await fetch(url);
  return { status: r.status, body: (await r.json()) as T };
};

describe('health and readiness', () => {
  it('/healthz answers while the process runs; /readyz is 200 once the database, Slack, migrations and the template index are ready', async () => {
    const live = await get<{ ok: boolean; instance: string }>(`${s.appUrl}/healthz`);
    expect(live.status).toBe(200);
    expect(live.body.ok).toBe(true);
    const ready = await waitFor(
      'ready',
      async () => {
        const r = await get<Readiness>(`${s.appUrl}/readyz`);
        return r.status === 200 ? r : null;
        // Loading the template index takes seconds (kuromoji), far more on a busy machine.
      },
      120_000,
    );
    expect(ready.body.ok).toBe(true);
    expect(Object.keys(ready.body.checks).sort()).toEqual(['database', 'migrations', 'slack', 'templates']);
    expect(Object.values(ready.body.checks).every((c) => c.ok)).toBe(true);
    expect(ready.body.checks.templates?.detail).toBe(0);
  });

  it('/readyz is 503 while the Socket Mode connection is down, 200 again once it is back', async () => {
    // Slack refuses new connections for a while, then asks yorisoi to reconnect.
    await s.api('POST', '/_sim/slack/faults', { method: 'apps.connections.open', status: 500, count: 6 });
    await s.api('POST', '/_sim/slack/socket/disconnect', { reason: 'refresh_requested', close_after_ms: 0 });
    const down = await waitFor('not ready', async () => {
      const r = await get<Readiness>(`${s.appUrl}/readyz`);
      return r.status === 503 ? r : null;
    });
    expect(down.body.ok).toBe(false);
    expect(down.body.checks.slack?.ok).toBe(false);
    expect(down.body.checks.database?.ok).toBe(true);
    // Liveness is not readiness: the process is fine, a restart would not help.
    expect((await get(`${s.appUrl}/healthz`)).status).toBe(200);
    await waitFor('ready again', async () => (await get(`${s.appUrl}/readyz`)).status === 200, 60_000);
  });

  // Several instances need PostgreSQL (SQLite is one instance's file).
  it.runIf(postgresAdminUrl())(
    "a template changed by another instance reaches this instance's search index without a restart",
    async () => {
      const other = await s.anotherInstance();
      try {
        const saved = await other.features.templates.catalog.create(
          {
            path: 'マルチ',
            title: 'ほかのインスタンスの定型文',
            body: 'コバルトブルーの請求書についてのご案内です。',
            tags: [],
            product: null,
          },
          'test',
          { force: true },
        );
        expect(saved).toBeTruthy();
        // This instance's scheduler catches its index up from the database; readiness says when it has.
        await waitFor(
          'caught up',
          async () => {
            const r = await get<Readiness>(`${s.appUrl}/readyz`);
            return r.body.checks.templates?.ok && r.body.checks.templates.detail === 0;
          },
          60_000,
        );
        const hits = await s.features.templates.lookup.search('コバルトブルー', 5);
        expect(hits.map((h) => h.title)).toContain('ほかのインスタンスの定型文');
      } finally {
        await other.stop();
      }
    },
  );
});
