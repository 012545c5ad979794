import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signZendeskWebhook } from '../../src/zendesk/webhook-signature.ts';
import {
  repliesTo,
  rootsOf,
  type SimMessage,
  startTestSandbox,
  type TestSandbox,
  waitFor,
} from './helpers.ts';

/**
 * A careless or hostile world: customer text that tries to ping the team or forge links, Unicode that
 * counts differently in every unit, huge bodies, control characters and lone surrogates, junk commands,
 * unknown and stale buttons, forged, stale and huge webhooks. It ends with every ticket in Slack exactly
 * once, nobody pinged, no forged link live, every click answered, nothing stored from rejected requests.
 */
let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox();
});
afterAll(async () => {
  await s?.close();
});

const INJECT =
  '<!channel> <!here> <!everyone> <@U0LEAD> <!subteam^S0TEAM> <https://evil.example|Zendesk> & < >';
const FAMILY = '👨‍👩‍👧‍👦';
const opened: Array<{ id: number; channel: string }> = [];

async function open(input: Record<string, unknown>, channel = 'C0PHOTOS') {
  const t = await s.openTicket({ brand: 'photos', ...input });
  opened.push({ id: t.id, channel });
  return t;
}
const rootOf = (id: number, channel = 'C0PHOTOS') =>
  waitFor(`root of #${id}`, async () => rootsOf(await s.messages(channel), id)[0], 60_000);
const sectionTexts = (m: SimMessage) =>
  (m.blocks ?? [])
    .filter((b) => (b as { type: string }).type === 'section')
    .map((b) => (b as { text?: { text: string } }).text?.text ?? '')
    .join('');

describe('hostile input', () => {
  it('mention and link injection in every customer field shows literally and pings nobody', async () => {
    const t = await open({
      subject: `Help ${INJECT}`,
      body: `Body ${INJECT}`,
      requester: { email: 'mallory@example.com', name: `Mallory ${INJECT}` },
      organization: `Org ${INJECT}`,
      tags: ['<!channel>', 'a&b'],
    });
    const root = await rootOf(t.id);
    expect(root.would_notify).toEqual([]);
    expect(root.links.some((l: string) => l.includes('evil.example'))).toBe(false);
    // Shown literally: the entities Slack turns back into the characters typed.
    expect(root.text).toContain('&lt;!channel&gt;');
    expect(JSON.stringify(root.blocks)).toContain('&lt;https://evil.example|Zendesk&gt;');
    await s.api('POST', `/_sim/zendesk/tickets/${t.id}/customer-reply`, { body: `Again ${INJECT}` });
    const replies = await waitFor('both messages in the thread', async () => {
      const r = repliesTo(await s.messages('C0PHOTOS'), root.ts);
      return r.length >= 2 && r;
    });
    for (const m of replies) {
      expect(m.would_notify).toEqual([]);
      expect(m.text).toContain('&lt;!here&gt;');
    }
  });

  it('subjects of 100 emoji, 120 × 𠮷, 60 ZWJ families, control characters and a lone surrogate all reach Slack', async () => {
    const subjects = [
      '😀'.repeat(100),
      '𠮷'.repeat(120),
      FAMILY.repeat(60),
      `ctrl\u0000\u0007\u001b[31m ok`,
      'lone \ud800 surrogate',
    ];
    const tickets = [];
    for (const subject of subjects) tickets.push(await open({ subject, body: `${subject} body` }));
    for (const t of tickets) {
      const root = await rootOf(t.id);
      expect(JSON.stringify(root.blocks)).not.toContain('\\ud800');
    }
    const first = await rootOf(tickets[0]!.id);
    expect(sectionTexts(first)).toContain('😀'.repeat(100));
  });

  it('a follow-up of 20,000 emoji and a 50,000-character body arrive whole, in order, in several messages', async () => {
    const body = `${'長文&<>'.repeat(10_000)}end`;
    const t = await open({ subject: 'Long body', body });
    const root = await rootOf(t.id);
    const emoji = '😀'.repeat(20_000);
    await s.api('POST', `/_sim/zendesk/tickets/${t.id}/customer-reply`, { body: emoji });
    await waitFor(
      'every part',
      async () => {
        const shown = repliesTo(await s.messages('C0PHOTOS'), root.ts)
          .map(sectionTexts)
          .join('');
        return shown.includes('end') && (shown.match(/😀/gu)?.length ?? 0) === 20_000;
      },
      90_000,
    );
    const shown = repliesTo(await s.messages('C0PHOTOS'), root.ts)
      .map(sectionTexts)
      .join('');
    expect(shown.replaceAll('\n', '')).toContain(
      body.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'),
    );
  });

  it('a root Slack refuses for good is posted in a simpler form that says so: the ticket is never invisible', async () => {
    await s.api('POST', '/_sim/slack/faults', {
      method: 'chat.postMessage',
      status: 'error',
      error: 'invalid_blocks',
      count: 1,
    });
    const t = await open({ subject: 'Refused root', body: 'Slack said invalid_blocks' });
    const root = await rootOf(t.id);
    expect(JSON.stringify(root)).toContain('簡略表示');
    await s.runtime.settle();
    expect(rootsOf(await s.messages('C0PHOTOS'), t.id)).toHaveLength(1);
  });

  it('junk slash-command text is acknowledged and answered privately, pinging nobody', async () => {
    for (const text of [INJECT, '\u0000\ud800', 'x'.repeat(3000), `map ${INJECT}`, 'help <script>']) {
      const r = await s.api<{
        acked: boolean;
        responses: Array<{ body?: { text?: string; response_type?: string } }>;
      }>('POST', '/_sim/slack/commands', {
        user: 'U0AGENT1',
        channel: 'C0SUPPORT',
        command: '/yorisoi',
        text,
      });
      expect(r.status).toBe(200);
      expect(r.body, JSON.stringify(r.body).slice(0, 300)).toMatchObject({ acked: true });
      const answer = r.body.responses[0]?.body;
      expect(answer?.response_type ?? 'ephemeral').toBe('ephemeral');
      expect(answer?.text ?? '').not.toMatch(/<!channel>|<!here>|<@U0LEAD>/);
    }
  });

  it('unknown and stale action ids are acknowledged with words a person understands', async () => {
    // A message of an older (or forged) yorisoi with buttons this one does not know, or whose draft is gone.
    const r = await fetch(`${s.simUrl}/api/chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.secrets.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'C0PHOTOS',
        text: 'old message',
        blocks: [
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                action_id: 'no_such_action',
                text: { type: 'plain_text', text: 'A' },
                value: INJECT,
              },
              {
                type: 'button',
                action_id: 'draft_approve',
                text: { type: 'plain_text', text: 'B' },
                value: '{"d":"gone","v":9}',
              },
            ],
          },
        ],
      }),
    });
    const { ts } = (await r.json()) as { ts: string };
    for (const action_id of ['no_such_action', 'draft_approve']) {
      const click = await s.api<{ acked: boolean }>('POST', '/_sim/slack/actions', {
        wait_ms: 0,
        user: 'U0AGENT2',
        channel: 'C0PHOTOS',
        message_ts: ts,
        action_id,
      });
      expect(click.body.acked).toBe(true);
    }
    const ephemerals = async () =>
      (await s.api<{ ephemerals: Array<{ text: string }> }>('GET', '/_sim/slack/ephemerals?user=U0AGENT2'))
        .body.ephemerals;
    await waitFor('an answer to the unknown button', async () =>
      (await ephemerals()).find((e) => e.text.includes('This button no longer works')),
    );
    await waitFor('an answer to the stale draft button', async () =>
      (await ephemerals()).find((e) => e.text.includes('This draft no longer exists')),
    );
  });

  it('forged, stale and huge webhooks are refused and store nothing', async () => {
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${s.appUrl}/zendesk/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const deliveries = await s.db.webhookDelivery.count();
    const tickets = await s.db.ticket.count();
    const now = new Date().toISOString();
    const body = JSON.stringify({ ticket_id: String(opened[0]!.id) });
    const huge = JSON.stringify({ ticket_id: String(opened[0]!.id), pad: 'x'.repeat(3_000_000) });
    const old = new Date(Date.now() - 3600_000).toISOString();
    const results = await Promise.all([
      post(body, {
        'x-zendesk-webhook-signature': signZendeskWebhook('wrong', now, body),
        'x-zendesk-webhook-signature-timestamp': now,
      }),
      post(body, {
        'x-zendesk-webhook-signature': signZendeskWebhook(s.setup.signingSecret, old, body),
        'x-zendesk-webhook-signature-timestamp': old,
      }),
      post(huge, {
        'x-zendesk-webhook-signature': signZendeskWebhook(s.setup.signingSecret, now, huge),
        'x-zendesk-webhook-signature-timestamp': now,
      }).catch(() => ({ status: 413 })),
      post('{not json', {}),
    ]);
    for (const r of results) expect(r.status).toBeGreaterThanOrEqual(400);
    expect(await s.db.webhookDelivery.count()).toBe(deliveries);
    expect(await s.db.ticket.count()).toBe(tickets);
  });

  it('ends with every ticket visible in Slack exactly once and nobody pinged anywhere', async () => {
    await s.runtime.settle();
    const all = await s.messages();
    for (const t of opened)
      expect(
        rootsOf(
          all.filter((m) => m.channel === t.channel),
          t.id,
        ),
      ).toHaveLength(1);
    const pinged = all.filter((m) => (m.would_notify ?? []).length > 0);
    expect(pinged.map((m) => m.text.slice(0, 80))).toEqual([]);
    expect(all.filter((m) => (m.links ?? []).some((l) => l.includes('evil.example')))).toEqual([]);
  });
});
