import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { formatReport } from '../../../src/cli/rules-command.ts';
import {
  type SqlLookupConfig,
  singleSelectProblem,
  toEnrichmentConfig,
} from '../../../src/domain/enrichment/enrichment-config.ts';
import type { EnrichmentTicket, SuggestionRecord } from '../../../src/domain/enrichment/ports.ts';
import { evaluateRules, rulesReport } from '../../../src/domain/enrichment/rules.ts';
import { createSqlLookupRunner } from '../../../src/lookups/sql-lookup.ts';

const ticket = (over: Partial<EnrichmentTicket> = {}): EnrichmentTicket => ({
  zendeskId: '1',
  ticketId: 't1',
  channelId: 'C1',
  inboxId: 'photos',
  subject: '返金してください',
  firstMessage: '二重に請求されました。',
  tags: ['app'],
  formId: '77',
  status: 'open',
  requester: { zendeskUserId: '9', email: 'a@example.com', externalId: null },
  ...over,
});

describe('rules', () => {
  const { rules } = toEnrichmentConfig({
    rules: [
      { id: 'refund', when: { keywords: ['返金', 'refund'] }, do: { addTags: ['refund'], route: 'billing' } },
      {
        id: 'vip',
        when: { facts: { プラン: ['Premium', 'Business'] }, tags: { none: ['internal'] } },
        do: { flag: 'VIP' },
      },
      { id: 'form', when: { form: ['77'], fields: { '360': 'ios' } }, do: { suggestTemplates: ['t-ios'] } },
    ],
  });
  it('match over keywords, facts, tags, form and fields, and give every action of every matching rule', () => {
    const facts = [{ lookup: 'admin', label: 'プラン', value: 'premium' }];
    expect(evaluateRules(rules, ticket(), { '360': 'iOS' }, facts)).toEqual([
      { rule: 'refund', action: 'tag', value: 'refund' },
      { rule: 'refund', action: 'route', value: 'billing' },
      { rule: 'vip', action: 'flag', value: 'VIP' },
      { rule: 'form', action: 'template', value: 't-ios' },
    ]);
    expect(
      evaluateRules(rules, ticket({ subject: 'x', firstMessage: 'y', tags: ['internal'] }), {}, facts),
    ).toEqual([]);
  });
});

describe('rules report', () => {
  // A fixed history: 5 tickets, decided by hand so the expected figures are plain.
  const at = new Date('2026-11-01T00:00:00Z');
  const row = (
    r: Partial<SuggestionRecord> &
      Pick<SuggestionRecord, 'ticketZendeskId' | 'source' | 'action' | 'value'> & {
        ticket?: EnrichmentTicket | null;
      },
  ) =>
    ({ outcome: null, correction: null, createdAt: at, ...r }) as SuggestionRecord & {
      ticket?: EnrichmentTicket | null;
    };
  const history = [
    // refund: 4 tickets; 2 kept, 1 removed (tag), 1 still open → precision 2/3
    row({
      ticketZendeskId: '1',
      source: 'refund',
      action: 'tag',
      value: 'refund',
      ticket: ticket({ zendeskId: '1', status: 'solved', tags: ['refund'] }),
    }),
    row({
      ticketZendeskId: '2',
      source: 'refund',
      action: 'tag',
      value: 'refund',
      ticket: ticket({ zendeskId: '2', status: 'closed', tags: ['refund', 'x'] }),
    }),
    row({
      ticketZendeskId: '3',
      source: 'refund',
      action: 'tag',
      value: 'refund',
      ticket: ticket({ zendeskId: '3', status: 'solved', tags: ['billing_question'] }),
    }),
    row({
      ticketZendeskId: '4',
      source: 'refund',
      action: 'tag',
      value: 'refund',
      ticket: ticket({ zendeskId: '4', status: 'open', tags: [] }),
    }),
    // the suggester: 3 tickets, three templates each counted once per ticket; 1 used, 2 corrected
    row({ ticketZendeskId: '1', source: 'templates', action: 'template', value: 'a', outcome: 'kept' }),
    row({
      ticketZendeskId: '1',
      source: 'templates',
      action: 'template',
      value: 'b',
      outcome: 'corrected',
      correction: 'used template a',
    }),
    row({
      ticketZendeskId: '2',
      source: 'templates',
      action: 'template',
      value: 'a',
      outcome: 'corrected',
      correction: 'used template c',
    }),
    row({
      ticketZendeskId: '3',
      source: 'templates',
      action: 'template',
      value: 'a',
      outcome: 'corrected',
      correction: 'used template c',
    }),
    row({
      ticketZendeskId: '3',
      source: 'templates',
      action: 'template',
      value: 'd',
      outcome: 'corrected',
      correction: 'replied without a template',
    }),
  ];

  it('computes firings, precision over decided suggestions and the most common correction', () => {
    const lines = rulesReport(history);
    expect(lines).toEqual([
      {
        source: 'refund',
        fired: 4,
        decided: 3,
        kept: 2,
        precision: 2 / 3,
        topCorrection: { text: 'removed tag refund', count: 1 },
      },
      {
        source: 'templates',
        fired: 3,
        decided: 3,
        kept: 1,
        precision: 1 / 3,
        topCorrection: { text: 'used template c', count: 2 },
      },
    ]);
    expect(formatReport(lines, 30).join('\n')).toMatch(
      /^refund\s+4\s+3\s+2\s+0\.67\s+removed tag refund \(1\)$/m,
    );
  });
});

describe('SQL lookups', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-sql-'));
  const file = path.join(dir, 'accounts.db');
  const db = new Database(file);
  db.exec(
    "CREATE TABLE accounts (email TEXT, status TEXT); INSERT INTO accounts VALUES ('a@example.com', 'active')",
  );
  db.close();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const lookup = (query: string): SqlLookupConfig => ({
    name: 'accounts',
    type: 'sql',
    inboxes: [],
    key: { from: 'email' },
    timeoutMs: 1000,
    database: file,
    query,
    facts: { 状態: 'status' },
  });
  const count = () => {
    const d = new Database(file, { readonly: true });
    try {
      return (d.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
    } finally {
      d.close();
    }
  };

  it('reads the first row of a single SELECT with the key bound', async () => {
    const run = createSqlLookupRunner();
    expect(await run.run(lookup('SELECT status FROM accounts WHERE email = :key'), 'a@example.com')).toEqual({
      name: 'accounts',
      status: 'ok',
      facts: [{ lookup: 'accounts', label: '状態', value: 'active' }],
    });
    expect(
      await run.run(lookup('SELECT status FROM accounts WHERE email = :key'), 'b@example.com'),
    ).toMatchObject({ status: 'empty' });
  });

  it('refuses a query that writes, before it runs: in the file and at run time', async () => {
    const writes = [
      'DELETE FROM accounts',
      'SELECT 1; DELETE FROM accounts',
      "UPDATE accounts SET status = 'x' WHERE email = :key",
      'WITH x AS (SELECT 1) DELETE FROM accounts',
      'ATTACH DATABASE ":memory:" AS m',
      'select status from accounts where email = :key; drop table accounts',
    ];
    const run = createSqlLookupRunner();
    for (const q of writes) {
      expect(singleSelectProblem(q), q).not.toBeNull();
      expect(
        () => toEnrichmentConfig({ lookups: [{ ...lookup(q), inboxes: undefined, timeoutMs: undefined }] }),
        q,
      ).toThrow(/single SELECT/);
      expect(await run.run(lookup(q), 'a@example.com'), q).toMatchObject({ status: 'refused' });
    }
    expect(count()).toBe(1);
    // a keyword inside a string literal is not a statement
    expect(singleSelectProblem("SELECT status FROM accounts WHERE status <> 'delete; drop'")).toBeNull();
  });
});
