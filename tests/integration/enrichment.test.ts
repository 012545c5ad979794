import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toEnrichmentConfig } from '../../src/domain/enrichment/enrichment-config.ts';
import { ActionIds } from '../../src/views/ids.ts';
import { devTemplateSubset } from '../fixtures/search/dev-template-subset.ts';
import { AIKO, act, submitPreview, viewOf, zendeskComments } from './drafting-helpers.ts';
import {
  repliesTo,
  rootsOf,
  type SimMessage,
  startTestSandbox,
  type TestSandbox,
  waitFor,
} from './helpers.ts';

// Issue 13 through the real runtime, the Slack and Zendesk simulators and a loopback "admin API" started
// here: lookup facts in the thread and as one internal note; a slow, a failing and an empty lookup each
// said as such without holding up the thread; the header secret nowhere; rules that tag and flag; template
// suggestions (or none) with a working "Copy into draft"; a sent template teaching later suggestions.

const SECRET = 'sk_live_9f8e7d6c5b4a3210zz';
const twins =
  'お世話になっております。双子なので同じ保育園に入れたいんですが、別々の園になっちゃうこともありますか？よろしくお願いします。';
const election = '今度の選挙、当日は子どもの運動会で行けないので期日前投票したいです。どこでできますか？';
const deadCat = '家の前の道路で猫が車にひかれて死んでいます…どこに連絡すれば片付けてもらえますか？';
const deadCatLater =
  '駐車場で猫がひかれて死んでるのを見つけました。片付けてもらうにはどこに連絡したらいいですか';

let s: TestSandbox;
let admin: Server;
let adminUrl: string;
const hangs: Array<() => void> = [];
const seenAuth: string[] = [];

function startAdminApi(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seenAuth.push(String(req.headers.authorization));
    if (req.headers.authorization !== `Bearer ${SECRET}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'unauthorized' }));
      return;
    }
    const email = url.searchParams.get('email');
    if (url.pathname === '/users') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          user: {
            email,
            plan: 'Premium',
            since: '2024-04-01',
            // A careless admin API that echoes the credential: yorisoi must still never show it.
            debug: `auth=${req.headers.authorization}`,
          },
        }),
      );
      return;
    }
    if (url.pathname === '/slow') {
      hangs.push(() => res.destroy()); // answers never; the test ends it
      return;
    }
    if (url.pathname === '/failing') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`internal error for ${req.headers.authorization}`);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const threadOf = async (ticketId: number, channel = 'C0PHOTOS') => {
  const root = await waitFor('root', async () => rootsOf(await s.messages(channel), ticketId)[0]);
  return { root, replies: async () => repliesTo(await s.messages(channel), root.ts) };
};
const textOf = (m: SimMessage) => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;
const openTicket = async (subject: string, body: string, email = 'taro@example.com') =>
  (
    await s.api<{ ticket: { id: number } }>('POST', '/_sim/zendesk/tickets', {
      subject,
      body,
      requester: { email, name: 'Taro' },
      brand: 'photos',
    })
  ).body.ticket;

beforeAll(async () => {
  admin = await startAdminApi();
  adminUrl = `http://127.0.0.1:${(admin.address() as AddressInfo).port}`;
  const dir = path.join(process.env.TMPDIR ?? '/tmp', `yorisoi-enrich-${process.pid}`);
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir, { recursive: true });
  const accounts = path.join(dir, 'accounts.db');
  const a = new Database(accounts);
  a.exec('DROP TABLE IF EXISTS accounts; CREATE TABLE accounts (email TEXT, status TEXT, points INTEGER)');
  a.prepare('INSERT INTO accounts VALUES (?, ?, ?)').run('taro@example.com', 'active', 1200);
  a.close();
  const header = { Authorization: { env: 'ADMIN_API_TOKEN', prefix: 'Bearer ' } };
  const config = toEnrichmentConfig({
    lookups: [
      {
        name: 'admin',
        type: 'http',
        key: { from: 'email' },
        url: `${adminUrl}/users?email={{key}}`,
        headers: header,
        facts: { プラン: 'user.plan', 開始日: 'user.since', debug: 'user.debug' },
      },
      {
        name: 'slow',
        type: 'http',
        key: { from: 'email' },
        url: `${adminUrl}/slow?email={{key}}`,
        headers: header,
        timeoutMs: 300,
        facts: { x: 'x' },
      },
      {
        name: 'failing',
        type: 'http',
        key: { from: 'email' },
        url: `${adminUrl}/failing?email={{key}}`,
        headers: header,
        facts: { x: 'x' },
      },
      {
        name: 'empty',
        type: 'http',
        key: { from: 'email' },
        url: `${adminUrl}/missing?email={{key}}`,
        headers: header,
        facts: { x: 'x' },
      },
      {
        name: 'accounts',
        type: 'sql',
        key: { from: 'email' },
        database: accounts,
        query: 'SELECT status, points FROM accounts WHERE email = :key',
        facts: { 状態: 'status', ポイント: 'points' },
      },
    ],
    rules: [
      {
        id: 'premium-flag',
        when: { facts: { プラン: 'Premium' } },
        do: { flag: 'premium', addTags: ['premium_customer'] },
      },
      { id: 'dead-animals', when: { keywords: ['道路'] }, do: { suggestTemplates: ['kfaq-0896'] } },
    ],
    internalNote: true,
  });
  s = await startTestSandbox({
    drafting: { undoSeconds: 1, sendRetry: { maxAttempts: 3, backoffMs: () => 100 } },
    enrichment: { config, env: { ADMIN_API_TOKEN: SECRET } },
  });
  await s.features.templates.catalog.ready();
  await s.features.templates.catalog.importRows(
    devTemplateSubset.map((t, i) => ({ at: `line ${i + 1}`, value: t })),
    'test',
  );
}, 60_000);

afterAll(async () => {
  for (const h of hangs) h();
  await s?.close();
  await new Promise((r) => admin?.close(r));
});

describe('lookups', () => {
  it('puts the facts into the thread and one internal note; slow, failing and empty lookups say so; the secret shows nowhere', async () => {
    const ticket = await openTicket(
      'アップロードできません',
      'Androidで写真をアップロードするとエラーになります。',
    );
    const thread = await threadOf(ticket.id);
    const facts = await waitFor('facts message', async () =>
      (await thread.replies()).find((m) => m.text.includes('お客さま情報')),
    );
    const text = textOf(facts);
    expect(text).toContain('プラン: *Premium*');
    expect(text).toContain('開始日: *2024-04-01*');
    expect(text).toContain('状態: *active*');
    expect(text).toContain('ポイント: *1200*');
    expect(text).toContain('*slow*: 0.3 秒以内に応答がなかったため照会を打ち切りました');
    expect(text).toContain('*failing*: 照会に失敗しました（HTTP 500）');
    expect(text).toContain(':information_source: *empty*: 該当するデータはありませんでした');
    expect(text).toContain('要確認: premium');
    // the thread was not held up: the customer's message came first, the facts after it
    const replies = await thread.replies();
    expect(replies[0]?.text).toContain('アップロードするとエラー');
    expect(replies.findIndex((m) => m.ts === facts.ts)).toBeGreaterThan(0);

    // one internal note in Zendesk, also after a replay of the enrichment (webhook retry, restart)
    const notes = async () => (await zendeskComments(s, ticket.id)).filter((c) => !c.public);
    await waitFor('internal note', async () => (await notes()).length === 1);
    await s.features.enrichment.service.enrich(String(ticket.id));
    // a crash after Zendesk stored the note but before yorisoi did: found by its key, not written twice
    await s.db.ticketEnrichment.delete({ where: { ticketZendeskId: String(ticket.id) } });
    await s.features.enrichment.service.enrich(String(ticket.id));
    await s.runtime.settle();
    const [note] = await notes();
    expect(await notes()).toHaveLength(1);
    expect(note?.body).toContain('admin / プラン: Premium');
    expect(note?.body).toContain('slow: タイムアウト');
    expect((await thread.replies()).filter((m) => m.text.includes('お客さま情報'))).toHaveLength(1);

    // rules: the tags are on the Zendesk ticket
    const zt = (await s.api<{ ticket: { tags: string[] } }>('GET', `/_sim/zendesk/tickets/${ticket.id}`)).body
      .ticket;
    expect(zt.tags).toEqual(expect.arrayContaining(['premium_customer', 'yorisoi_flag_premium']));

    // the secret: sent to the admin API, shown nowhere
    expect(seenAuth).toContain(`Bearer ${SECRET}`);
    expect(text).toContain('auth=Bearer ••••');
    const everything = [
      JSON.stringify(await s.messages()),
      JSON.stringify(await zendeskComments(s, ticket.id)),
      s.logs.join('\n'),
      JSON.stringify(await s.db.ticketEnrichment.findMany()),
    ].join('\n');
    expect(everything).not.toContain(SECRET);
  });
});

describe('template suggestions', () => {
  it('shows up to three suggestions with Copy into draft on a new ticket, or nothing when nothing fits', async () => {
    const fits = await openTicket('保育園について', twins, 'hanako@example.com');
    const none = await openTicket('投票について', election, 'jiro@example.com');
    const t1 = await threadOf(fits.id);
    const suggestion = await waitFor('suggestions', async () =>
      (await t1.replies()).find((m) => m.text.includes('合いそうなテンプレート')),
    );
    const buttons = (
      suggestion.blocks as Array<{ accessory?: { action_id: string; value: string; text: { text: string } } }>
    ).flatMap((b) => (b.accessory ? [b.accessory] : []));
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.length).toBeLessThanOrEqual(3);
    expect(
      buttons.every(
        (b) => b.action_id === ActionIds.templateCopyIntoDraft && b.text.text === '下書きにコピー',
      ),
    ).toBe(true);
    expect(JSON.parse(buttons[0]!.value)).toEqual({ id: 'kfaq-0226' });

    // the ticket no template answers: its facts, but no suggestions message
    const t2 = await threadOf(none.id);
    await waitFor('facts of the other ticket', async () =>
      (await t2.replies()).find((m) => m.text.includes('お客さま情報')),
    );
    await s.runtime.settle();
    expect((await t2.replies()).some((m) => m.text.includes('合いそうなテンプレート'))).toBe(false);

    // Copy into draft from the thread opens the draft editor with the template in it
    const r = await s.api('POST', '/_sim/slack/actions', {
      user: AIKO,
      channel: 'C0PHOTOS',
      message_ts: suggestion.ts,
      action_id: ActionIds.templateCopyIntoDraft,
      value: buttons[0]!.value,
    });
    expect(r.status).toBe(200);
    const editor = await viewOf(s, AIKO, 'draft_editor');
    const template = devTemplateSubset.find((t) => t.id === 'kfaq-0226')!;
    expect(JSON.stringify(editor.view.blocks)).toContain(template.body.split('\n')[0]);
  });

  it('a template sent for an inquiry rises for a similar later inquiry; acceptance is recorded', async () => {
    expect((await s.features.templates.catalog.suggest(deadCatLater)).map((h) => h.id)).not.toContain(
      'kfaq-0896',
    );
    // the rule suggests the template on this ticket; the agent copies it into a draft and sends it
    const first = await openTicket('猫の死骸', deadCat, 'saburo@example.com');
    const t1 = await threadOf(first.id);
    const suggestion = await waitFor('suggestions', async () =>
      (await t1.replies()).find((m) => m.text.includes('合いそうなテンプレート')),
    );
    expect(textOf(suggestion)).toContain('ルール dead-animals');
    await s.api('POST', '/_sim/slack/actions', {
      user: AIKO,
      channel: 'C0PHOTOS',
      message_ts: suggestion.ts,
      action_id: ActionIds.templateCopyIntoDraft,
      value: JSON.stringify({ id: 'kfaq-0896' }),
    });
    const editor = await viewOf(s, AIKO, 'draft_editor', (v) =>
      JSON.stringify(v.view.blocks).includes(
        devTemplateSubset.find((t) => t.id === 'kfaq-0896')!.body.slice(0, 10),
      ),
    );
    // The template ends with a placeholder for the town's URL, which the writing check refuses to send: the
    // agent fills it in, as they would.
    const body = devTemplateSubset.find((t) => t.id === 'kfaq-0896')!.body;
    const filled = body.replace('（自治体HP内関連ページのURL）', 'https://city.example.jp/animals');
    await act(s, AIKO, editor, 'draft_send', { typed: { reply_0: filled } });
    const preview = await viewOf(s, AIKO, 'draft_send_preview');
    expect((await submitPreview(s, AIKO, preview)).status).toBe(200);
    await waitFor(
      'the reply and what it taught',
      async () => (await s.db.sentTemplateExample.count({ where: { templateId: 'kfaq-0896' } })) > 0,
    );
    const decided = await s.db.enrichmentSuggestion.findFirstOrThrow({
      where: { ticketZendeskId: String(first.id), source: 'dead-animals' },
    });
    expect(decided).toMatchObject({ outcome: 'kept', value: 'kfaq-0896' });

    // a similar later inquiry (no rule matches it) now gets that template first, from the ranker
    const later = await openTicket('猫が死んでいる', deadCatLater, 'shiro@example.com');
    const t2 = await threadOf(later.id);
    const next = await waitFor('suggestions for the later inquiry', async () =>
      (await t2.replies()).find((m) => m.text.includes('合いそうなテンプレート')),
    );
    const firstButton = (next.blocks as Array<{ accessory?: { value: string } }>).find(
      (b) => b.accessory,
    )?.accessory;
    expect(JSON.parse(firstButton!.value)).toEqual({ id: 'kfaq-0896' });
    expect(textOf(next)).not.toContain('ルール');
  });
});
