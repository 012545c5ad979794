import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli } from '../../src/cli/cli.ts';
import { openTemplateCatalog } from '../../src/composition/open-template-catalog.ts';
import { createLogger } from '../../src/logger.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { devTemplateSubset } from '../fixtures/search/dev-template-subset.ts';
import { testDatabaseUrl } from './test-store.ts';

// `yorisoi templates suggest` in-process against a real store (SQLite, or PostgreSQL in `integration-pg`). The --batch shape is what other
// tools rely on: one JSON array a line, `[]` when nothing fits or the line was bad.

const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-suggest-'));
const databaseUrl = await testDatabaseUrl(dir, 'suggest.db');
const env = { DATABASE_URL: databaseUrl };

async function cli(args: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['templates', ...args], env, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    ...(stdin !== undefined ? { stdin: Readable.from([stdin]) } : {}),
  });
  return { code, out, err };
}

const suggestionsShape = z.array(
  z.strictObject({ id: z.string(), title: z.string(), path: z.string(), score: z.number() }),
);

const twins =
  'お世話になっております。\n双子なので同じ保育園に入れたいんですが、\n別々の園になっちゃうこともありますか？';
const election = '今度の選挙、当日は子どもの運動会で行けないので期日前投票したいです。どこでできますか？';
const deadCat = '家の前の道路で猫が車にひかれて死んでいます…どこに連絡すれば片付けてもらえますか？';
const deadCatLater =
  '駐車場で猫がひかれて死んでるのを見つけました。片付けてもらうにはどこに連絡したらいいですか';

beforeAll(async () => {
  const file = path.join(dir, 'templates.jsonl');
  writeFileSync(file, `${devTemplateSubset.map((t) => JSON.stringify(t)).join('\n')}\n`);
  const r = await cli(['import', file]);
  expect(r.code).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('yorisoi templates suggest', () => {
  it('--batch answers each {"text"} line with one JSON array line, best first, [] when nothing fits', async () => {
    const input = [twins, election, twins].map((text) => JSON.stringify({ text })).join('\n');
    const r = await cli(['suggest', '--batch', '--limit', '2'], `${input}\n`);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out).toHaveLength(3);
    const [first, second, third] = r.out.map((line) => suggestionsShape.parse(JSON.parse(line)));
    expect(first![0]).toMatchObject({ id: 'kfaq-0226', path: '子育てFAQ/保育/保育園の入園申込' });
    expect(first!.length).toBeLessThanOrEqual(2);
    expect(first!.map((h) => h.score)).toEqual([...first!.map((h) => h.score)].sort((a, b) => b - a));
    expect(second).toEqual([]);
    expect(third).toEqual(first);
  }, 60_000);

  it('--batch: a bad line is answered with [] (so output lines stay aligned), named on stderr, and the exit code is 1', async () => {
    const input = [
      JSON.stringify({ text: twins }),
      '{"text": "broken',
      JSON.stringify({ text: 5 }),
      '',
      JSON.stringify(['not', 'an', 'object']),
      JSON.stringify({ text: election }),
    ].join('\n');
    const r = await cli(['suggest', '--batch'], input);
    expect(r.code).toBe(1);
    expect(r.out).toHaveLength(5);
    expect(suggestionsShape.parse(JSON.parse(r.out[0]!))[0]?.id).toBe('kfaq-0226');
    expect(r.out.slice(1)).toEqual(['[]', '[]', '[]', '[]']);
    expect(r.err).toEqual([
      'error: line 2: not valid JSON',
      'error: line 3: "text" must be a string',
      'error: line 5: expected a JSON object like {"text": "…"}',
    ]);
  }, 60_000);

  it('takes the message from arguments or standard input; --json prints the batch shape', async () => {
    const human = await cli(['suggest', twins]);
    expect(human.code).toBe(0);
    expect(human.out[0]).toMatch(/^1\. kfaq-0226 {2}0\.\d{3} {2}子育てFAQ\/保育\/保育園の入園申込$/);
    expect(human.out[1]).toBe('   きょうだいで保育園入園を申し込む場合、同じ園に入園できますか？');
    const json = await cli(['suggest', '--json', '--limit', '1'], twins);
    expect(suggestionsShape.parse(JSON.parse(json.out[0]!)).map((h) => h.id)).toEqual(['kfaq-0226']);
    const none = await cli(['suggest', election]);
    expect(none).toMatchObject({ code: 0, out: ['no template fits this message'] });
    expect((await cli(['suggest', '--json', election])).out).toEqual(['[]']);
  }, 60_000);

  it('bad input is one error line and a non-zero exit', async () => {
    for (const [args, stdin, message] of [
      [['suggest'], '', /^error: templates suggest needs the customer's message/],
      [
        ['suggest', '--limit', 'x', 'text'],
        undefined,
        /^error: --limit must be a whole number from 1 to 50, got "x"$/,
      ],
      [['suggest', '--limit', '0', 'text'], undefined, /^error: --limit must be a whole number/],
      [
        ['suggest', '--batch', 'text'],
        '',
        /^error: templates suggest --batch reads messages from standard input/,
      ],
      [['suggest', '--frobnicate'], '', /^error: Unknown option '--frobnicate'/],
    ] as const) {
      const r = await cli([...args], stdin);
      expect(r.code).not.toBe(0);
      expect(r.out).toEqual([]);
      expect(r.err).toEqual([expect.stringMatching(message)]);
    }
  }, 60_000);

  it('a template agents sent is stored and ranks first for a similar later message in a new process', async () => {
    expect(
      suggestionsShape.parse(JSON.parse((await cli(['suggest', '--json', deadCatLater])).out[0]!)),
    ).not.toContainEqual(expect.objectContaining({ id: 'kfaq-0896' }));
    const db = await openDatabase(databaseUrl);
    try {
      const catalog = openTemplateCatalog({ db, databaseUrl, logger: createLogger({ level: 'error' }) });
      await catalog.recordSent('kfaq-0896', deadCat);
      await catalog.idle();
    } finally {
      await db.$disconnect();
    }
    const after = suggestionsShape.parse(
      JSON.parse((await cli(['suggest', '--json', deadCatLater])).out[0]!),
    );
    expect(after[0]?.id).toBe('kfaq-0896');
  }, 60_000);
});
