import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxInboxes } from '../../src/sandbox/sandbox.ts';
import { signZendeskWebhook } from '../../src/zendesk/webhook-signature.ts';
import { repliesTo, rootsOf, startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox();
});
afterAll(async () => {
  await s?.close();
});

const postWebhook = (body: string, headers: Record<string, string>) =>
  fetch(`${s.appUrl}/zendesk/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('ticket → thread', () => {
  it('a new ticket becomes one thread in the routed channel, follow-ups join it, changes edit the root', async () => {
    const ticket = await s.openTicket({
      subject: 'Upload fails',
      body: 'Uploading a photo fails with an error.',
      brand: 'photos',
      tags: ['upload'],
    });
    const root = await waitFor('root', async () => rootsOf(await s.messages('C0PHOTOS'), ticket.id)[0]);
    expect(root.text).toContain('Taro');
    expect(root.text).toContain('未割り当て');
    await waitFor('first message', async () =>
      repliesTo(await s.messages('C0PHOTOS'), root.ts).find((m) =>
        m.text.includes('Uploading a photo fails'),
      ),
    );

    await s.api('POST', `/_sim/zendesk/tickets/${ticket.id}/customer-reply`, {
      body: 'Still broken on Android 15.',
    });
    const followUp = await waitFor('follow-up', async () =>
      repliesTo(await s.messages('C0PHOTOS'), root.ts).find((m) => m.text.includes('Android 15')),
    );
    // The follow-up reaches the channel (the inbox's default), and the root's status line counts it.
    expect(followUp.reply_broadcast).toBe(true);
    await waitFor('waiting line', async () =>
      (await s.messages('C0PHOTOS')).find(
        (m) => m.ts === root.ts && JSON.stringify(m.blocks).includes('未返信 *2件*'),
      ),
    );

    await s.api('PATCH', `/_sim/zendesk/tickets/${ticket.id}`, {
      status: 'pending',
      assignee_email: 'kenji@example.com',
    });
    const edited = await waitFor('edited root', async () =>
      (await s.messages('C0PHOTOS')).find(
        (m) => m.ts === root.ts && m.text.includes('保留中') && m.text.includes('Kenji'),
      ),
    );
    expect(edited.thread_ts ?? edited.ts).toBe(root.ts);
    await s.runtime.settle();
    const all = await s.messages('C0PHOTOS');
    expect(rootsOf(all, ticket.id)).toHaveLength(1);
    expect(repliesTo(all, root.ts)).toHaveLength(2);
  });

  it("in an inbox set to mention, a customer's follow-up mentions the assignee instead of going to the channel", async () => {
    await s.features.tickets.inboxes.replaceAll(
      sandboxInboxes.map((i) => (i.id === 'billing' ? { ...i, followUp: 'mention' as const } : i)),
    );
    try {
      const ticket = await s.openTicket({
        subject: 'Invoice',
        body: 'Where is my invoice?',
        brand: 'billing',
      });
      const root = await waitFor('root', async () => rootsOf(await s.messages('C0BILLING'), ticket.id)[0]);
      await s.api('PATCH', `/_sim/zendesk/tickets/${ticket.id}`, { assignee_email: 'kenji@example.com' });
      const assignee = await waitFor('assigned', async () => {
        const row = await s.db.ticket.findUnique({ where: { zendeskId: String(ticket.id) } });
        return row?.assigneeZendeskId;
      });
      await s.db.agentMapping.create({
        data: { slackUserId: 'U0AGENT2', zendeskUserId: assignee, source: 'test' },
      });
      await s.api('POST', `/_sim/zendesk/tickets/${ticket.id}/customer-reply`, { body: 'Any news?' });
      const reply = await waitFor('follow-up', async () =>
        repliesTo(await s.messages('C0BILLING'), root.ts).find((m) => m.text.includes('Any news?')),
      );
      expect(reply.would_notify).toEqual(['@U0AGENT2']);
      expect(reply.reply_broadcast ?? false).toBe(false);
    } finally {
      await s.features.tickets.inboxes.replaceAll(sandboxInboxes);
    }
  });

  it('routes to the default inbox when no rule matches', async () => {
    // Every Zendesk ticket has a brand; without the brand rules, only the default inbox is left.
    await s.features.tickets.inboxes.replaceAll(sandboxInboxes.filter((i) => !i.brand));
    try {
      const ticket = await s.openTicket({ subject: 'General question', body: 'How do I change my e-mail?' });
      await waitFor('root in #support', async () => rootsOf(await s.messages('C0SUPPORT'), ticket.id)[0]);
    } finally {
      await s.features.tickets.inboxes.replaceAll(sandboxInboxes);
    }
  });

  it('rejects forged, unsigned and stale webhooks with 401 and stores nothing', async () => {
    const before = await s.db.webhookDelivery.count();
    const ticketsBefore = await s.db.ticket.count();
    const body = JSON.stringify({ ticket_id: '999999' });
    const now = new Date().toISOString();
    const forged = await postWebhook(body, {
      'x-zendesk-webhook-signature': signZendeskWebhook('not-the-secret', now, body),
      'x-zendesk-webhook-signature-timestamp': now,
    });
    const unsigned = await postWebhook(body, {});
    const old = new Date(Date.now() - 10 * 60_000).toISOString();
    const stale = await postWebhook(body, {
      'x-zendesk-webhook-signature': signZendeskWebhook(s.setup.signingSecret, old, body),
      'x-zendesk-webhook-signature-timestamp': old,
    });
    expect([forged.status, unsigned.status, stale.status]).toEqual([401, 401, 401]);
    expect(await s.db.webhookDelivery.count()).toBe(before);
    expect(await s.db.ticket.count()).toBe(ticketsBefore);
  });

  it('the same delivery twice makes one thread', async () => {
    await s.api('POST', '/_sim/zendesk/webhooks/drop', { count: 1 });
    const ticket = await s.openTicket({
      subject: 'Duplicate delivery',
      body: 'Hello twice',
      brand: 'billing',
    });
    const body = JSON.stringify({ ticket_id: String(ticket.id), event: 'ticket.changed' });
    const ts = new Date().toISOString();
    const headers = {
      'x-zendesk-webhook-signature': signZendeskWebhook(s.setup.signingSecret, ts, body),
      'x-zendesk-webhook-signature-timestamp': ts,
      'x-zendesk-webhook-invocation-id': `inv-dup-${ticket.id}`,
    };
    const [a, b] = await Promise.all([postWebhook(body, headers), postWebhook(body, headers)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const third = await postWebhook(body, headers);
    expect(await third.json()).toMatchObject({ duplicate: true });
    await waitFor('root', async () => rootsOf(await s.messages('C0BILLING'), ticket.id)[0]);
    await s.runtime.settle();
    expect(rootsOf(await s.messages('C0BILLING'), ticket.id)).toHaveLength(1);
    expect(await s.db.webhookDelivery.count({ where: { invocationId: `inv-dup-${ticket.id}` } })).toBe(1);
  });

  it('a ticket whose webhook was lost appears through the incremental poller', async () => {
    await s.api('POST', '/_sim/zendesk/webhooks/drop', { count: 1 });
    const ticket = await s.openTicket({
      subject: 'Lost webhook',
      body: 'Nobody told Slack',
      tags: ['onboarding'],
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(rootsOf(await s.messages('C0ONBOARD'), ticket.id)).toHaveLength(0);
    // Zendesk's export never returns the newest minute: move the simulator's clock past it.
    await s.api('POST', '/_sim/zendesk/clock', { advance_seconds: 120 });
    const synced = await s.features.tickets.pollOnce();
    expect(synced).toBeGreaterThanOrEqual(1);
    await waitFor('root via poller', async () => rootsOf(await s.messages('C0ONBOARD'), ticket.id)[0]);
  });

  it('reads every comment of a long ticket, past the first page of 100', async () => {
    s.zendesk.dropWebhooks(121);
    const t = await s.openTicket({ subject: 'Long conversation', body: 'first', brand: 'billing' });
    for (let i = 1; i <= 120; i++) s.zendesk.customerReply(t.id, { body: `reply ${i}` });
    await s.features.tickets.sync(String(t.id));
    const stored = await s.db.ticket.findUniqueOrThrow({
      where: { zendeskId: String(t.id) },
      include: { comments: true },
    });
    expect(stored.comments).toHaveLength(121);
    expect(stored.comments.some((c) => c.body === 'reply 120')).toBe(true);
  });
});
