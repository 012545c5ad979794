import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDbCopy } from '../../src/cli/db-copy-command.ts';
import { type Db, openDatabase } from '../../src/storage/database.ts';
import { modelsInCopyOrder } from '../../src/storage/database-copy.ts';
import { AIKO, ticketWithThread } from './drafting-helpers.ts';
import { repliesTo, rootsOf, startTestSandbox, waitFor } from './helpers.ts';
import { createPostgresDatabase, postgresAdminUrl } from './test-store.ts';

// Runs in the integration-pg project only (a real PostgreSQL server from tests/postgres-global-setup.ts).

/** Every row of every table, as comparable JSON (dates as ISO strings), in a stable order. */
async function everything(db: Db) {
  const out: Record<string, unknown[]> = {};
  for (const m of modelsInCopyOrder()) {
    const d = (db as unknown as Record<string, { findMany(a: object): Promise<unknown[]> }>)[
      m.name.charAt(0).toLowerCase() + m.name.slice(1)
    ];
    out[m.name] = JSON.parse(
      JSON.stringify(await d?.findMany({ orderBy: m.scalars.map((f) => ({ [f]: 'asc' })) })),
    );
  }
  return out;
}

describe('yorisoi db copy', () => {
  it('moves a populated SQLite database to PostgreSQL; yorisoi runs on it with every ticket, draft, chart and template', async () => {
    const admin = postgresAdminUrl();
    if (!admin) throw new Error('no PostgreSQL server: run this file in the integration-pg project');
    const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-copy-'));
    const sqlite = `file:${path.join(dir, 'source.db')}`;
    const s = await startTestSandbox({ databaseUrl: sqlite });
    let pgDb: Db | undefined;
    try {
      // A populated SQLite database: tickets with threads, a saved draft, a care chart, a template.
      const first = await ticketWithThread(s, { subject: 'Upload fails', body: 'アップロードできません' });
      const second = await ticketWithThread(s, { subject: 'Login loop', email: 'hana@example.com' });
      const opened = await s.features.drafting.service.open({
        ticketZendeskId: String(first.ticket.id),
        slackUserId: AIKO,
      });
      await s.features.drafting.service.save(
        opened.draft.id,
        {
          name: opened.draft.name,
          policy: { facts: 'Android 14', situation: 'quota', outline: 'ask for logs', alternatives: '' },
          body: 'ご不便をおかけしております。',
          templateIds: [],
        },
        AIKO,
        'save',
      );
      const taro = await s.db.customer.findFirstOrThrow({ where: { email: 'taro@example.com' } });
      await s.features.care.saveEdit({
        customerId: taro.id,
        expectedVersion: 0,
        authorSlackId: AIKO,
        content: { notes: '電話希望', flagged: true, flagReason: '解約を検討', facts: [] },
      });
      const created = await s.features.templates.catalog.create(
        {
          path: '移行/確認',
          title: '移行確認テンプレート',
          body: 'データ移行の確認です',
          tags: [],
          product: null,
        },
        AIKO,
        { force: true },
      );
      expect(created.status).toBe('saved');
      // Stop yorisoi (the CLI says to), copy, and compare every row of every table. The snapshot is taken once
      // yorisoi has stopped: enrichment of the new tickets writes in the background until then.
      await s.runtime.stop();
      const before = await everything(s.db);
      expect(before.Ticket).toHaveLength(2);
      expect(before.DraftVersion?.length).toBeGreaterThan(0);
      expect(before.CareChart).toHaveLength(1);
      await s.db.$disconnect();
      const pgUrl = await createPostgresDatabase(admin);
      const lines: string[] = [];
      const code = await runDbCopy(['--from', sqlite, '--to', pgUrl], {
        out: (l) => lines.push(l),
        err: (l) => lines.push(l),
      });
      expect(code, lines.join('\n')).toBe(0);
      expect(lines.join('\n')).not.toContain('yorisoi-scratch'); // the password is not printed
      pgDb = await openDatabase(pgUrl, { migrate: false });
      expect(await everything(pgDb)).toEqual(before);

      // A second copy into the now non-empty database is refused.
      const again = await runDbCopy(['--from', sqlite, '--to', pgUrl], {
        out: () => {},
        err: (l) => lines.push(l),
      });
      expect(again).toBe(1);
      expect(lines.at(-1)).toMatch(/not empty/);

      // yorisoi on PostgreSQL, same simulators: a follow-up joins the existing thread (no second root),
      // the draft, chart and template are read back through the features.
      await s.restartApp({ databaseUrl: pgUrl });
      await s.api('POST', `/_sim/zendesk/tickets/${second.ticket.id}/customer-reply`, {
        body: 'まだログインできません',
      });
      await waitFor('follow-up in the old thread', async () =>
        repliesTo(await s.messages(second.channel), second.root.ts).some((m) =>
          m.text.includes('まだログインできません'),
        ),
      );
      expect(rootsOf(await s.messages(second.channel), second.ticket.id)).toHaveLength(1);
      const reopened = await s.features.drafting.service.open({
        ticketZendeskId: String(first.ticket.id),
        slackUserId: AIKO,
      });
      expect(reopened.draft.id).toBe(opened.draft.id);
      expect(reopened.draft.body).toBe('ご不便をおかけしております。');
      expect(reopened.draft.currentVersion).toBeGreaterThan(0);
      const chart = await pgDb.careChart.findUniqueOrThrow({ where: { customerId: taro.id } });
      expect(chart.notes).toBe('電話希望');
      const hits = await s.features.templates.catalog.search('移行確認');
      expect(hits.map((h) => h.id)).toContain(created.status === 'saved' ? created.template.id : '');
    } finally {
      await pgDb?.$disconnect();
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
