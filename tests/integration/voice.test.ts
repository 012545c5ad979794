import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  repliesTo,
  rootsOf,
  type SimMessage,
  startTestSandbox,
  type TestSandbox,
  waitFor,
} from './helpers.ts';

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox({ voiceMaskNames: ['佐藤 一郎'] });
});
afterAll(async () => {
  await s?.close();
});

/** Personal data a customer might write; none of it may reach the voice channel. */
const personal = [
  'hanako.yamada@example.co.jp',
  'ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｃｏｍ',
  'taro+support@example.com',
  '090-1234-5678',
  '０３－１２３４－５６７８',
  '+81 90-1234-5678',
  '+1 (415) 555-0132',
  '4242 4242 4242 4242',
  '〒100-0001 東京都千代田区千代田1-1',
  '大阪府大阪市北区梅田3-1-1 グランフロント201号室',
  '123 Main Street, Springfield, IL 62704',
  '山田 花子',
  '佐藤 一郎',
];
const body = [
  '昨日からアプリで写真をアップロードすると「エラーが発生しました」と表示されます。',
  `山田 花子です。連絡先は hanako.yamada@example.co.jp か ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｃｏｍ、電話は 090-1234-5678 / ０３－１２３４－５６７８ です。`,
  '住所は 〒100-0001 東京都千代田区千代田1-1、実家は 大阪府大阪市北区梅田3-1-1 グランフロント201号室 です。夫の佐藤 一郎も困っています。',
  'When I travel I use +81 90-1234-5678 or +1 (415) 555-0132; billing goes to 123 Main Street, Springfield, IL 62704.',
  'I paid with 4242 4242 4242 4242. Please write to taro+support@example.com.',
  '',
  '  version 3.2.1 > 3.2.0 & iOS 17.4 — 2024年1月15日 10時頃から、12 枚しか表示されません *bold?* _x_',
].join('\n');
const expectedMasked = [
  '昨日からアプリで写真をアップロードすると「エラーが発生しました」と表示されます。',
  '[name]です。連絡先は [email] か [email]、電話は [phone] / [phone] です。',
  '住所は [address]、実家は [address] です。夫の[name]も困っています。',
  'When I travel I use [phone] or [phone]; billing goes to [address].',
  'I paid with [card]. Please write to [email].',
  '',
  '  version 3.2.1 &gt; 3.2.0 &amp; iOS 17.4 — 2024年1月15日 10時頃から、12 枚しか表示されません *bold?* _x_',
].join('\n');

/** Everything a message shows: its fallback text and every text in its blocks. */
function shown(m: SimMessage): string {
  const texts: string[] = [m.text];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') texts.push(x);
        else walk(x);
      }
    }
  };
  walk(m.blocks);
  return texts.join('\n');
}
/** The customer's words in a voice message: its section blocks, joined. */
const sections = (m: SimMessage) =>
  ((m.blocks ?? []) as Array<{ type: string; text?: { text: string } }>)
    .filter((b) => b.type === 'section')
    .map((b) => b.text?.text ?? '');

const command = (text: string, channel = 'C0VOICE') =>
  s.api<{
    acked: boolean;
    responses: Array<{ body: { text?: string; blocks?: unknown[]; response_type?: string } }>;
  }>('POST', '/_sim/slack/commands', {
    user: 'U0PRODUCT',
    channel,
    command: '/voice',
    text,
  });

describe('voice of the customer', () => {
  let photoTicket: { id: number };
  let voiceRoot: SimMessage;

  it('a subscribed channel receives each matching message verbatim, personal data masked, one thread per ticket', async () => {
    const sub = await command('subscribe product:photos tag:bug');
    expect(sub.body.acked).toBe(true);
    await waitFor('subscription confirmation', async () =>
      (await s.messages('C0VOICE')).find(
        (m) => m.text.includes('に合うお客様の声を受け取ります') && m.text.includes('product:photos tag:bug'),
      ),
    );

    photoTicket = await s.openTicket({
      subject: 'アップロードできません (hanako.yamada@example.co.jp)',
      body,
      requester: { email: 'hanako.yamada@example.co.jp', name: '山田 花子' },
      brand: 'photos',
      tags: ['bug', 'upload'],
    });
    voiceRoot = await waitFor('voice root', async () =>
      (await s.messages('C0VOICE')).find(
        (m) => !m.thread_ts && m.text.startsWith(`顧客の声 #${photoTicket.id}`),
      ),
    );
    // Verbatim: the body is exactly the customer's, with only the personal parts replaced (and &<> escaped for mrkdwn).
    expect(sections(voiceRoot).slice(1).join('')).toBe(expectedMasked);
    expect(shown(voiceRoot)).toContain('`bug`');
    expect(shown(voiceRoot)).toContain(`/agent/tickets/${photoTicket.id}`);
    for (const p of personal) expect(shown(voiceRoot)).not.toContain(p);

    await s.api('POST', `/_sim/zendesk/tickets/${photoTicket.id}/customer-reply`, {
      body: '追記: 夫の電話 080-9876-5432 でも同じです。Android 15 です。',
    });
    const followUp = await waitFor('follow-up in the voice thread', async () =>
      repliesTo(await s.messages('C0VOICE'), voiceRoot.ts).find((m) => m.text.includes('Android 15')),
    );
    expect(sections(followUp).join('')).toBe('追記: 夫の電話 [phone] でも同じです。Android 15 です。');
    // An agent's public reply is not the customer's voice.
    await s.api('PATCH', `/_sim/zendesk/tickets/${photoTicket.id}`, {
      comment: 'Thanks, we are looking into it.',
      status: 'pending',
    });
    await waitFor('agent reply in the support thread', async () =>
      (await s.messages('C0PHOTOS')).find((m) => m.text.includes('we are looking into it')),
    );
    await s.runtime.settle();
    const voices = await s.messages('C0VOICE');
    expect(
      voices.filter((m) => m.text.startsWith(`顧客の声 #${photoTicket.id}`) && !m.thread_ts),
    ).toHaveLength(1);
    expect(repliesTo(voices, voiceRoot.ts)).toHaveLength(1);
    expect(voices.some((m) => m.text.includes('looking into it'))).toBe(false);
    for (const m of voices) for (const p of [...personal, '080-9876-5432']) expect(shown(m)).not.toContain(p);
  });

  it('non-matching tickets are not posted', async () => {
    const billing = await s.openTicket({
      subject: 'Charged twice',
      body: 'A bug in billing',
      brand: 'billing',
      tags: ['bug'],
    });
    const idea = await s.openTicket({
      subject: 'Idea',
      body: 'Please add albums',
      brand: 'photos',
      tags: ['feature'],
    });
    await waitFor(
      'both support threads',
      async () =>
        rootsOf(await s.messages('C0BILLING'), billing.id)[0] &&
        rootsOf(await s.messages('C0PHOTOS'), idea.id)[0],
    );
    await s.runtime.settle();
    const voices = await s.messages('C0VOICE');
    expect(voices.some((m) => m.text.includes(`#${billing.id}`) || m.text.includes(`#${idea.id}`))).toBe(
      false,
    );
  });

  it('a long message is split across messages, never cut', async () => {
    const paragraph = 'とても長いお問い合わせです。写真が消えました。'.repeat(40);
    const long = Array.from({ length: 16 }, (_, i) => `${i + 1}. ${paragraph}`).join('\n');
    expect(long.length).toBeGreaterThan(12_000);
    const t = await s.openTicket({ subject: 'Long', body: long, brand: 'photos', tags: ['bug'] });
    const root = await waitFor('long voice root', async () =>
      (await s.messages('C0VOICE')).find((m) => !m.thread_ts && m.text.startsWith(`顧客の声 #${t.id}`)),
    );
    await s.runtime.settle();
    const parts = [root, ...repliesTo(await s.messages('C0VOICE'), root.ts)];
    expect(parts.length).toBeGreaterThan(1);
    const text = [sections(root).slice(1).join(''), ...parts.slice(1).map((m) => sections(m).join(''))].join(
      '\n',
    );
    expect(text.replace(/\n/g, '')).toBe(long.replace(/\n/g, ''));
  });

  it('"Request follow-up" sends the product question to the ticket\'s support thread', async () => {
    const clicked = await s.api<{ acked: boolean }>('POST', '/_sim/slack/actions', {
      user: 'U0PRODUCT',
      channel: 'C0VOICE',
      message_ts: voiceRoot.ts,
      action_id: 'voice_request_follow_up',
    });
    expect(clicked.body.acked).toBe(true);
    const view = await waitFor('follow-up modal', async () =>
      (
        await s.api<{ views: Array<{ id: string; view: { callback_id: string } }> }>(
          'GET',
          '/_sim/slack/views?user=U0PRODUCT',
        )
      ).body.views.find((v) => v.view.callback_id === 'voice_follow_up'),
    );
    const submitted = await s.api<{ acked: boolean; applied: string }>(
      'POST',
      `/_sim/slack/views/${view.id}/submit`,
      {
        values: { voice_follow_up_question: 'Which app version is the customer on?' },
      },
    );
    expect(submitted.body.applied).toBe('close');
    const supportRoot = rootsOf(await s.messages('C0PHOTOS'), photoTicket.id)[0]!;
    await waitFor('question in the support thread', async () =>
      repliesTo(await s.messages('C0PHOTOS'), supportRoot.ts).find(
        (m) => m.text.includes('Which app version') && m.text.includes('<@U0PRODUCT>'),
      ),
    );
    await waitFor('note in the voice thread', async () =>
      repliesTo(await s.messages('C0VOICE'), voiceRoot.ts).find((m) =>
        m.text.includes('フォローアップを依頼しました'),
      ),
    );
  });

  it("the digest lists the day's voices by tag, linking to each; bad input gets a clear message", async () => {
    const digest = await command('digest');
    const answer = await waitFor('digest', async () =>
      (
        await s.api<{ responses: Array<{ body: { text?: string; blocks?: unknown[] } }> }>(
          'GET',
          '/_sim/slack/responses?user=U0PRODUCT',
        )
      ).body.responses.find((r) => r.body.text?.includes('のお客様の声')),
    );
    expect(digest.body.acked).toBe(true);
    const text = shown({ text: answer.body.text ?? '', blocks: answer.body.blocks } as SimMessage);
    expect(text).toContain('*bug* (3)');
    expect(text).toContain('*upload* (2)'); // the first message and the follow-up
    expect(text).toMatch(
      new RegExp(`https://slack\\.com/archives/C0VOICE/p${voiceRoot.ts.replace('.', '')}`),
    );
    expect(text).not.toContain('hanako.yamada@example.co.jp');

    await command('subscribe colour:blue');
    await waitFor('error for a bad filter', async () =>
      (
        await s.api<{ responses: Array<{ body: { text?: string } }> }>(
          'GET',
          '/_sim/slack/responses?user=U0PRODUCT',
        )
      ).body.responses.find((r) => r.body.text?.includes('Unknown filter "colour:"')),
    );

    // The daily digest is posted once, after the day ends.
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    expect(await s.features.voice.postDueDigests(tomorrow)).toBe(1);
    expect(await s.features.voice.postDueDigests(tomorrow)).toBe(0);
    await waitFor('posted digest', async () =>
      (await s.messages('C0VOICE')).find((m) => !m.thread_ts && m.text.includes('のお客様の声')),
    );
  });

  it('/voice list shows a Remove button per subscription; pressing it stops that one and redraws the list', async () => {
    await s.api('POST', '/_sim/slack/channels', { id: 'C0VOICE2', name: 'voice-two', is_member: true });
    await command('subscribe tag:refund', 'C0VOICE2');
    await command('subscribe keyword:解約', 'C0VOICE2');
    const subs = await waitFor('two subscriptions', async () => {
      const rows = await s.db.voiceSubscription.findMany({
        where: { channelId: 'C0VOICE2', active: true },
        orderBy: { createdAt: 'asc' },
      });
      return rows.length === 2 ? rows : null;
    });
    await command('list', 'C0VOICE2');
    type Ephemeral = { ts: string; channel: string; text: string; blocks?: unknown[] };
    const ephemerals = async () =>
      (await s.api<{ ephemerals: Ephemeral[] }>('GET', '/_sim/slack/ephemerals?user=U0PRODUCT')).body
        .ephemerals;
    const list = await waitFor('the list', async () =>
      (await ephemerals()).find(
        (e) => e.channel === 'C0VOICE2' && JSON.stringify(e.blocks).includes('voice_unsubscribe'),
      ),
    );
    // U0PRODUCT reads Japanese: one Remove (解除) button per subscription, with a confirmation first.
    const buttons = JSON.stringify(list.blocks).match(/"action_id":"voice_unsubscribe"/g) ?? [];
    expect(buttons).toHaveLength(2);
    expect(JSON.stringify(list.blocks)).toContain('"confirm"');
    expect(JSON.stringify(list.blocks)).toContain('解除');

    const clicked = await s.api<{ acked: boolean }>('POST', '/_sim/slack/actions', {
      user: 'U0PRODUCT',
      channel: 'C0VOICE2',
      message_ts: list.ts,
      action_id: 'voice_unsubscribe',
      value: subs[0]!.id,
    });
    expect(clicked.body.acked).toBe(true);
    const redrawn = await waitFor('the list redrawn in place', async () => {
      const e = (await ephemerals()).find((x) => x.ts === list.ts);
      return e && JSON.stringify(e.blocks).includes('解除しました') ? e : null;
    });
    const after = JSON.stringify(redrawn.blocks);
    expect(after.match(/"action_id":"voice_unsubscribe"/g) ?? []).toHaveLength(1);
    expect(after).toContain(subs[1]!.id);
    expect(after).toContain(subs[0]!.id); // named in the "removed" line
    const left = await s.db.voiceSubscription.findMany({ where: { channelId: 'C0VOICE2', active: true } });
    expect(left.map((r) => r.id)).toEqual([subs[1]!.id]);
  });

  it('/voice subscribe where yorisoi cannot post answers a clear ephemeral and subscribes nothing', async () => {
    await s.api('POST', '/_sim/slack/channels', {
      id: 'C0HIDDEN',
      name: 'hidden',
      is_member: false,
      is_private: true,
    });
    const r = await command('subscribe product:photos', 'C0HIDDEN');
    expect(r.body.acked).toBe(true);
    const answer = await waitFor('refusal', async () =>
      (
        await s.api<{
          responses: Array<{ channel: string; body: { text?: string; response_type?: string } }>;
        }>('GET', '/_sim/slack/responses?user=U0PRODUCT')
      ).body.responses.find((p) => p.channel === 'C0HIDDEN'),
    );
    expect(answer.body.response_type).toBe('ephemeral');
    expect(answer.body.text).toContain('/invite @yorisoi');
    expect(await s.db.voiceSubscription.count({ where: { channelId: 'C0HIDDEN' } })).toBe(0);
  });
});
