import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.ts';
import { testDatabaseUrl } from './test-store.ts';

// `yorisoi rules check` and `yorisoi rules report` as a user runs them: a real process, a real store (SQLite, or PostgreSQL in `integration-pg`).

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-rules-'));
const databaseUrl = await testDatabaseUrl(dir, 'rules.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(repo, 'bin/yorisoi.js'), ...args], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATABASE_URL: databaseUrl,
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const SECRET = 'tok_4f3e2d1c0b9a8877';
const lookup = (query = 'SELECT status FROM accounts WHERE email = :key') => ({
  lookups: [
    {
      name: 'admin',
      type: 'http',
      key: { from: 'email' },
      url: 'https://admin.example.com/users?email={{key}}',
      headers: { Authorization: { env: 'ADMIN_TOKEN', prefix: 'Bearer ' } },
      facts: { プラン: 'user.plan' },
    },
    { name: 'db', type: 'sql', key: { from: 'email' }, database: 'x.db', query, facts: { 状態: 'status' } },
  ],
  rules: [{ id: 'refund', when: { keywords: ['返金'] }, do: { addTags: ['refund'] } }],
});

describe('yorisoi rules', () => {
  it('check validates the file, names a missing header variable and never prints a secret', async () => {
    const file = path.join(dir, 'enrichment.json');
    writeFileSync(file, JSON.stringify(lookup()));
    const missing = await run(['rules', 'check', file]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ADMIN_TOKEN');
    const ok = await run(['rules', 'check', file], { ADMIN_TOKEN: SECRET });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('valid — 2 lookup(s), 1 rule(s)');
    expect(ok.stdout + ok.stderr).not.toContain(SECRET);

    const writing = path.join(dir, 'writing.json');
    writeFileSync(writing, JSON.stringify(lookup('SELECT 1; DELETE FROM accounts')));
    const refused = await run(['rules', 'check', writing], { ADMIN_TOKEN: SECRET });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('lookups.1.query: query must be a single SELECT');
  });

  it('report prints each rule with its firings, precision and most common correction; --days leaves old ones out', async () => {
    const db = await openDatabase(databaseUrl);
    const old = new Date(Date.now() - 40 * 86_400_000);
    await db.enrichmentSuggestion.createMany({
      data: [
        { ticketZendeskId: '1', source: 'templates', action: 'template', value: 'a', outcome: 'kept' },
        {
          ticketZendeskId: '2',
          source: 'templates',
          action: 'template',
          value: 'a',
          outcome: 'corrected',
          correction: 'used template b',
        },
        {
          ticketZendeskId: '3',
          source: 'templates',
          action: 'template',
          value: 'a',
          outcome: 'corrected',
          correction: 'used template b',
        },
        { ticketZendeskId: '4', source: 'templates', action: 'template', value: 'c' },
        {
          ticketZendeskId: '5',
          source: 'refund',
          action: 'tag',
          value: 'refund',
          outcome: 'kept',
          createdAt: old,
        },
      ],
    });
    await db.$disconnect();
    const json = await run(['rules', 'report', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        source: 'templates',
        fired: 4,
        decided: 3,
        kept: 1,
        precision: 1 / 3,
        topCorrection: { text: 'used template b', count: 2 },
      },
      { source: 'refund', fired: 1, decided: 1, kept: 1, precision: 1, topCorrection: null },
    ]);
    const text = await run(['rules', 'report', '--days', '30']);
    expect(text.stdout).toMatch(/^templates\s+4\s+3\s+1\s+0\.33\s+used template b \(2\)$/m);
    expect(text.stdout).not.toMatch(/^refund/m);
    expect((await run(['rules', 'report', '--days', 'x'])).code).toBe(2);
  });
});
