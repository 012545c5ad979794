import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli } from '../../src/cli/cli.ts';
import { createSimServer } from '../../src/sim/sim-server.ts';
import { createZendeskSim } from '../../src/sim/zendesk/index.ts';
import { createZendeskApi } from '../../src/zendesk/zendesk-client.ts';
import { sampleTemplates } from '../fixtures/search/kosodate-faq-sample.ts';
import { testDatabaseUrl } from './test-store.ts';

// The `yorisoi templates` command in-process, against a real store (a SQLite file, or a PostgreSQL database in `integration-pg`), its index snapshot and (for
// --from-zendesk) the Zendesk simulator. Output shapes here are what other tools rely on.

const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-cli-'));
const env = { DATABASE_URL: await testDatabaseUrl(dir, 'cli.db') };
const sim = createSimServer();
const zendesk = createZendeskSim({
  subdomain: 'clitest',
  agentEmail: 'api@example.com',
  apiToken: 'zd-token-cli',
});

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

const jsonlPath = path.join(dir, 'templates.jsonl');
beforeAll(async () => {
  sim.mount(zendesk.route);
  await sim.listen(0);
  const lines = sampleTemplates.map((t) => JSON.stringify(t));
  lines.splice(2, 0, '{"id": "oops"'); // line 3: broken JSON
  lines.splice(5, 0, JSON.stringify({ id: 'no-title', body: 'x' })); // line 6: no title
  writeFileSync(jsonlPath, `${lines.join('\n')}\n`);
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const hitShape = z.array(
  z.strictObject({ id: z.string(), title: z.string(), path: z.string(), score: z.number() }),
);

describe('yorisoi templates', () => {
  it('imports JSONL, naming bad records by line; a re-import creates nothing', async () => {
    const first = await cli(['import', jsonlPath]);
    expect(first.code).toBe(0);
    expect(first.out[0]).toMatch(
      new RegExp(
        `^imported .*templates\\.jsonl \\(jsonl\\): ${sampleTemplates.length} created, 0 updated, 0 unchanged, 2 skipped`,
      ),
    );
    expect(first.out.slice(1)).toEqual([
      expect.stringMatching(/^ {2}line 3: skipped — not valid JSON/),
      '  line 6: skipped — title: Invalid input: expected string, received undefined',
    ]);
    const again = await cli(['import', jsonlPath]);
    expect(again.out[0]).toMatch(/: 0 created, 0 updated, 9 unchanged, 2 skipped/);
  }, 30_000);

  it('search --json prints one array of {id,title,path,score}, best first', async () => {
    const r = await cli(['search', '--json', 'ほいくえん', '空き状況']);
    expect(r.out).toHaveLength(1);
    const hits = hitShape.parse(JSON.parse(r.out[0]!));
    expect(hits[0]).toMatchObject({ id: 'kfaq-0212', path: '子育てFAQ/保育/保育園の入園申込' });
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    const limited = hitShape.parse(
      JSON.parse((await cli(['search', 'ご相談', '--json', '--limit', '1'])).out[0]!),
    );
    expect(limited).toHaveLength(1);
  });

  it('search --batch answers one array a line, an empty query with []', async () => {
    const r = await cli(['search', '--batch', '--limit', '3'], 'ぼしてちょう\n\nＳＬＡＣＫ パスワード\n');
    expect(r.out).toHaveLength(3);
    const [a, b, c] = r.out.map((l) => hitShape.parse(JSON.parse(l)));
    expect(a?.[0]?.id).toBe('kfaq-0001');
    expect(b).toEqual([]);
    expect(c?.[0]?.id).toBe('own-001');
  });

  it('search refuses a bad --limit and an empty query with exit code 2', async () => {
    expect((await cli(['search', 'x', '--limit', 'many'])).code).toBe(2);
    expect((await cli(['search'])).code).toBe(2);
  });

  it('show prints the template; --diff V1 V2 a readable diff; unknown ids fail', async () => {
    const edited = sampleTemplates.find((t) => t.id === 'kfaq-0909')!;
    writeFileSync(
      path.join(dir, 'edit.jsonl'),
      JSON.stringify({
        ...edited,
        body: edited.body.replace('こちらにご相談ください。', 'こちらへご連絡ください。'),
      }),
    );
    expect((await cli(['import', path.join(dir, 'edit.jsonl')])).out[0]).toMatch(/0 created, 1 updated/);
    const show = await cli(['show', 'kfaq-0909']);
    expect(show.out[0]).toBe('kfaq-0909 · version 2 · 子育てFAQ/暮らしに役立つ情報/暮らしの相談');
    expect(show.out.join('\n')).toContain('\nいのししの相談はこちらへご連絡ください。\n');
    const diff = await cli(['show', 'kfaq-0909', '--diff', '1', '2']);
    expect(diff.out.slice(1)).toEqual([
      'body:',
      '- いのししの相談はこちらにご相談ください。',
      '+ いのししの相談はこちらへご連絡ください。',
      '  ~ いのししの相談はこちら[-に-]{+へ+}ご[-相談-]{+連絡+}ください。',
      '  （自治体・保健所等のHP内関連ページのURL）',
    ]);
    const missing = await cli(['show', 'no-such-id']);
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toMatch(/^error: No such template/);
  });

  it('duplicates --json prints an array of {ids}', async () => {
    const original = sampleTemplates.find((t) => t.id === 'kfaq-0001')!;
    const copy = {
      ...original,
      id: 'copy-of-0001',
      body: original.body.replace('ご記入いただき', 'ご記入頂き').replace('詳しくは', 'くわしくは'),
    };
    writeFileSync(path.join(dir, 'dup.jsonl'), JSON.stringify(copy));
    await cli(['import', path.join(dir, 'dup.jsonl')]);
    const r = await cli(['duplicates', '--json']);
    const groups = z.array(z.strictObject({ ids: z.array(z.string()) })).parse(JSON.parse(r.out[0]!));
    expect(groups).toContainEqual({ ids: ['copy-of-0001', 'kfaq-0001'] });
  });

  it('imports CSV and a Markdown folder, and exports all three formats back', async () => {
    writeFileSync(
      path.join(dir, 't.csv'),
      'id,path,title,body,tags\ncsv-1,製品A/請求,請求書の再発行,"請求書は、管理画面の「請求」から\n再発行できます。",billing\ncsv-2,製品A,,本文だけ,\n',
    );
    const csv = await cli(['import', path.join(dir, 't.csv')]);
    expect(csv.out).toEqual([
      expect.stringMatching(/\(csv\): 1 created, 0 updated, 0 unchanged, 1 skipped/),
      '  line 4: skipped — title: title is empty',
    ]);

    const md = path.join(dir, 'md');
    mkdirSync(path.join(md, '製品B', 'アカウント'), { recursive: true });
    writeFileSync(
      path.join(md, '製品B', 'アカウント', 'login.md'),
      '# ログインできない\n\nパスワードの再設定をお試しください。\n',
    );
    writeFileSync(path.join(md, '製品B', 'broken.md'), '---\ntitle: [\n---\n本文');
    const mdReport = await cli(['import', md]);
    expect(mdReport.out).toEqual([
      expect.stringMatching(/\(md\): 1 created, 0 updated, 0 unchanged, 1 skipped/),
      expect.stringMatching(/^ {2}製品B\/broken\.md: skipped — front matter is not valid YAML/),
    ]);
    expect(hitShape.parse(JSON.parse((await cli(['search', '--json', 'ろぐいん'])).out[0]!))[0]?.id).toBe(
      '製品B/アカウント/login',
    );

    await cli(['export', path.join(dir, 'out.csv')]);
    await cli(['export', path.join(dir, 'out-md')]);
    const stdout = await cli(['export']);
    const exported = stdout.out
      .join('\n')
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });
    expect(exported.map((t) => t.id)).toContain('csv-1');
    expect(readFileSync(path.join(dir, 'out.csv'), 'utf8')).toContain(
      '"請求書は、管理画面の「請求」から\n再発行できます。"',
    );
    expect(readdirSync(path.join(dir, 'out-md'))).toEqual(
      expect.arrayContaining(['製品A', '製品B', '子育てFAQ']),
    );
    // exports re-import as "unchanged": the round trip loses nothing
    for (const target of ['out.csv', 'out-md']) {
      expect((await cli(['import', path.join(dir, target)])).out[0]).toMatch(
        new RegExp(`: 0 created, 0 updated, ${exported.length} unchanged, 0 skipped`),
      );
    }
  }, 30_000);

  it('imports Zendesk macros through the API: `::` parts become the folder; field-only macros are skipped', async () => {
    const zendeskEnv = {
      ZENDESK_API_URL: `${sim.baseUrl}/api/v2`,
      ZENDESK_EMAIL: 'api@example.com',
      ZENDESK_API_TOKEN: 'zd-token-cli',
      SLACK_BOT_TOKEN: 'xoxb-cli',
      SLACK_SIGNING_SECRET: 'cli-secret',
      SLACK_APP_TOKEN: 'xapp-cli',
    };
    const api = createZendeskApi({
      apiUrl: zendeskEnv.ZENDESK_API_URL,
      email: zendeskEnv.ZENDESK_EMAIL,
      apiToken: zendeskEnv.ZENDESK_API_TOKEN,
    });
    const macro = (title: string, actions: unknown[]) =>
      api.call('POST', ['macros'], z.object({ macro: z.object({ id: z.number() }) }), {
        macro: { title, actions },
      });
    const reset = await macro('製品A::アカウント::パスワード再設定', [
      {
        field: 'comment_value',
        value: 'パスワードは「ログイン」画面の「パスワードを忘れた方」から再設定できます。',
      },
    ]);
    await macro('チケットを閉じる', [{ field: 'status', value: 'solved' }]);
    for (let i = 0; i < 105; i++)
      await macro(`一括::テンプレ${i}`, [
        { field: 'comment_value', value: `お問い合わせ番号${i}についてのご案内です。` },
      ]);
    Object.assign(env, zendeskEnv);
    try {
      const r = await cli(['import', '--from-zendesk']);
      expect(r.err).toEqual([]);
      expect(r.out[0]).toMatch(
        /^imported Zendesk macros: 106 created, 0 updated, 0 unchanged, 1 skipped \(107 records/,
      );
      expect(r.out[1]).toMatch(/macro \d+: skipped — the macro writes no comment text/);
      const show = await cli(['show', `zendesk-macro-${reset.macro.id}`]);
      expect(show.out[0]).toBe(`zendesk-macro-${reset.macro.id} · version 1 · 製品A/アカウント`);
      expect(show.out[1]).toBe('title: パスワード再設定');
      expect((await cli(['import', '--from-zendesk'])).out[0]).toMatch(
        /0 created, 0 updated, 106 unchanged, 1 skipped/,
      );

      // export back: the imported macro is updated in place, a yorisoi-made template becomes a new macro
      const resetId = `zendesk-macro-${reset.macro.id}`;
      const newBody = 'パスワードは「ログイン」画面の「パスワードをお忘れの方」から再設定できます。';
      writeFileSync(
        path.join(dir, 'zd.jsonl'),
        [
          {
            id: resetId,
            path: '製品A/アカウント',
            title: 'パスワード再設定',
            body: newBody,
            tags: ['zendesk-macro'],
          },
          {
            id: 'own-zd-1',
            path: '製品A/アカウント/請求',
            title: '請求書の送付先変更',
            body: '送付先は管理画面の「請求情報」から変更できます。',
            tags: ['billing'],
          },
        ]
          .map((r) => JSON.stringify(r))
          .join('\n'),
      );
      expect((await cli(['import', path.join(dir, 'zd.jsonl')])).out[0]).toMatch(/1 created, 1 updated/);
      const exported = await cli(['export', '--to-zendesk', '--folder', '製品A/アカウント']);
      expect(exported.out[0]).toMatch(
        /^exported to Zendesk macros: 1 created, 1 updated, 0 unchanged, 0 failed/,
      );
      const inZendesk = await api.call(
        'GET',
        ['macros', reset.macro.id],
        z.object({
          macro: z.object({
            title: z.string(),
            actions: z.array(z.object({ field: z.string(), value: z.unknown() })),
          }),
        }),
      );
      expect(inZendesk.macro).toMatchObject({
        title: '製品A::アカウント::パスワード再設定',
        actions: [{ field: 'comment_value', value: newBody }],
      });
      expect((await cli(['export', '--to-zendesk', '--folder', '製品A/アカウント'])).out[0]).toMatch(
        /0 created, 0 updated, 2 unchanged/,
      );
      // …and importing from Zendesk again maps the new macro back to its template: nothing new, nothing changed
      expect((await cli(['import', '--from-zendesk'])).out[0]).toMatch(
        /0 created, 0 updated, 107 unchanged, 1 skipped/,
      );
      expect((await cli(['show', 'own-zd-1'])).out).toContain('tags: billing');
    } finally {
      for (const k of Object.keys(zendeskEnv)) delete (env as Record<string, string>)[k];
    }
  }, 60_000);

  it("imports shared Zendesk macros only, never an agent's personal macro", async () => {
    const zendeskEnv = {
      ZENDESK_API_URL: `${sim.baseUrl}/api/v2`,
      ZENDESK_EMAIL: 'api@example.com',
      ZENDESK_API_TOKEN: 'zd-token-cli',
      SLACK_BOT_TOKEN: 'xoxb-cli',
      SLACK_SIGNING_SECRET: 'cli-secret',
      SLACK_APP_TOKEN: 'xapp-cli',
    };
    const api = createZendeskApi({
      apiUrl: zendeskEnv.ZENDESK_API_URL,
      email: zendeskEnv.ZENDESK_EMAIL,
      apiToken: zendeskEnv.ZENDESK_API_TOKEN,
    });
    const aiko = zendesk.listUsers().users.find((u) => u.email === 'aiko@example.com');
    const macro = (title: string, restriction: unknown) =>
      api.call('POST', ['macros'], z.object({ macro: z.object({ id: z.number() }) }), {
        macro: { title, actions: [{ field: 'comment_value', value: `${title}の本文です。` }], restriction },
      });
    const personal = await macro('個人::あいこのメモ', { type: 'User', id: aiko?.id });
    const shared = await macro('共有::営業時間のご案内', null);
    Object.assign(env, zendeskEnv);
    try {
      const r = await cli(['import', '--from-zendesk']);
      expect(r.out[0]).toMatch(/^imported Zendesk macros: 1 created, /);
      expect((await cli(['show', `zendesk-macro-${shared.macro.id}`])).code).toBe(0);
      expect((await cli(['show', `zendesk-macro-${personal.macro.id}`])).code).not.toBe(0);
    } finally {
      for (const k of Object.keys(zendeskEnv)) delete (env as Record<string, string>)[k];
    }
  });
});
