import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signZendeskWebhook } from '../../src/zendesk/webhook-signature.ts';
import {
  AIKO,
  publicCommentsBy,
  submitPreview,
  ticketWithThread,
  writeAndPreview,
  zendeskComments,
  zendeskUserId,
} from './drafting-helpers.ts';
import { repliesTo, rootsOf, startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

// The simulator signs webhooks with its own clock, and yorisoi refuses signatures more than 5 minutes off:
// the clock moves 61 s at a time here (the export withholds the last minute), under 5 minutes in all.

/**
 * What a real Zendesk account does to yorisoi that a kind simulator never did: deleted (spam) tickets,
 * tickets with more than 100 audits, answers lost after the write, and requests that never answer.
 */
let s: TestSandbox;
let aikoZendeskId: number;
beforeAll(async () => {
  s = await startTestSandbox({
    // Hung requests give up after 3 s here (15 s by default), so the tests wait for seconds, not minutes.
    zendeskTimeoutSeconds: 3,
    drafting: { undoSeconds: 1, sendRetry: { maxAttempts: 4, backoffMs: () => 100 } },
  });
  aikoZendeskId = await zendeskUserId(s, 'aiko@example.com');
});
afterAll(async () => {
  await s?.close();
});

type Call = { method: string; path: string; status: number };
const calls = async (prefix: string) =>
  (await s.api<{ calls: Call[] }>('GET', `/_sim/zendesk/calls?path_prefix=${encodeURIComponent(prefix)}`))
    .body.calls;
const fault = (input: Record<string, unknown>) => s.api('POST', '/_sim/zendesk/faults', input);
const openQuietly = async (subject: string) => {
  // The trigger's webhook is lost: only the incremental poller can find this ticket.
  await s.api('POST', '/_sim/zendesk/webhooks/drop', { count: 1 });
  return s.openTicket({ subject, body: `${subject}.`, brand: 'photos' });
};
const inSlack = async (ticketId: number) => rootsOf(await s.messages('C0PHOTOS'), ticketId);
const zendeskSettings = () => ({
  apiUrl: `${s.simUrl}/api/v2`,
  email: 'yorisoi-api@example.com',
  apiToken: s.secrets.zendeskToken,
  webhookSecret: s.setup.signingSecret,
  agentUrl: s.simUrl,
});

describe('deleted tickets and unknown ids', () => {
  it('a deleted ticket does not stop the incremental poller; the export is read without deletions', async () => {
    const spam = await openQuietly('Cheap watches');
    await s.api('DELETE', `/_sim/zendesk/tickets/${spam.id}`);
    const after = await openQuietly('Real question after the spam');
    s.zendesk.advanceClock(61);
    await s.features.tickets.pollOnce();
    await waitFor('the ticket after the deleted one in Slack', async () => (await inSlack(after.id))[0]);
    expect(await inSlack(spam.id)).toEqual([]);
    // The cursor moved on: the next poll reads from after both tickets.
    const later = await openQuietly('Next one');
    s.zendesk.advanceClock(61);
    await s.features.tickets.pollOnce();
    await waitFor('the next ticket in Slack', async () => (await inSlack(later.id))[0]);
    expect((await calls('/api/v2/incremental/')).every((c) => c.path.includes('exclude_deleted=true'))).toBe(
      true,
    );
  });

  it('a ticket gone between the export and its sync (404) is parked with a reason; the poll goes on', async () => {
    const gone = await openQuietly('Deleted while we read');
    const next = await openQuietly('Behind the deleted one');
    s.zendesk.advanceClock(61);
    // Deleted in Zendesk after the export listed it, just before yorisoi reads it.
    await fault({
      method: 'GET',
      path_prefix: '/api/v2/tickets/show_many',
      status: 'delete_ticket',
      ticket_id: gone.id,
    });
    await s.features.tickets.pollOnce();
    await waitFor('the ticket behind the 404 in Slack', async () => (await inSlack(next.id))[0]);
    const parked = await s.db.keyValue.findUnique({
      where: { key: `zendesk.parked:ticket:${gone.id}` },
    });
    expect(JSON.parse(parked?.value ?? '{}')).toMatchObject({ reason: expect.stringContaining('404') });
  });

  it('a webhook for a ticket Zendesk does not have is parked after a bounded number of tries', async () => {
    const body = JSON.stringify({ ticket_id: '987654', event: 'ticket.updated' });
    const timestamp = new Date().toISOString();
    const r = await fetch(`${s.appUrl}/zendesk/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-zendesk-webhook-invocation-id': 'inv-unknown-ticket',
        'x-zendesk-webhook-signature-timestamp': timestamp,
        'x-zendesk-webhook-signature': signZendeskWebhook(s.setup.signingSecret, timestamp, body),
      },
      body,
    });
    expect(r.status).toBe(200);
    await waitFor('first attempt', async () => {
      const d = await s.db.webhookDelivery.findUnique({
        where: { invocationId: 'inv-unknown-ticket' },
      });
      return d && d.status !== 'received';
    });
    for (let i = 0; i < 30; i++) await s.features.tickets.retryWebhooks(new Date(Date.now() + 3_600_000));
    const delivery = await s.db.webhookDelivery.findUniqueOrThrow({
      where: { invocationId: 'inv-unknown-ticket' },
    });
    expect(delivery.status).toBe('parked');
    expect(delivery.error).toMatch(/not found|404/i);
    // Tickets are read in batches (tickets/show_many); Zendesk leaves an unknown id out of the answer.
    const tries = (await calls('/api/v2/tickets/')).filter((c) => /987654/.test(c.path));
    expect(tries.length).toBeGreaterThan(0);
    expect(tries.length).toBeLessThanOrEqual(5);
  });
});

describe('lookups that hit a rate limit', () => {
  it('a ticket read (with its brand side-loaded) answered 429 is retried, not routed to the default inbox for good', async () => {
    // A fresh process: brand names are cached, and this one must be read.
    await s.restartApp();
    await fault({
      method: 'GET',
      path_prefix: '/api/v2/tickets/show_many',
      status: 429,
      retry_after: 1,
      count: 1,
    });
    const ticket = await s.openTicket({
      subject: 'Photos brand under a rate limit',
      body: 'x',
      brand: 'photos',
    });
    await waitFor('the ticket read was refused', async () =>
      (await calls('/api/v2/tickets/show_many')).some((c) => c.status === 429),
    );
    await waitFor(
      'the ticket in its brand channel',
      async () => {
        await s.features.tickets.retryWebhooks(new Date(Date.now() + 3_600_000));
        return rootsOf(await s.messages('C0PHOTOS'), ticket.id)[0];
      },
      20_000,
    );
    for (const channel of ['C0BILLING', 'C0SUPPORT', 'C0ONBOARD'])
      expect(rootsOf(await s.messages(channel), ticket.id)).toEqual([]);
  });
});

describe('double public reply', () => {
  it('a send whose answer was lost on a ticket with more than 100 audits posts exactly one public comment', async () => {
    const thread = await ticketWithThread(s, { subject: 'Long history' });
    await s.api('POST', '/_sim/zendesk/webhooks/drop', { count: 130 });
    for (let i = 0; i < 130; i++) s.zendesk.customerReply(thread.ticket.id, { body: `Update ${i}` });
    await fault({
      method: 'PUT',
      path_prefix: `/api/v2/tickets/${thread.ticket.id}`,
      status: 500,
      after_write: true,
    });
    const body = 'Answered once, whatever the audit count.';
    await submitPreview(s, AIKO, await writeAndPreview(s, AIKO, thread, body));
    const send = await waitFor('the send settled', async () => {
      const row = await s.db.replySend.findFirst({
        where: { ticketZendeskId: String(thread.ticket.id) },
      });
      return row && (row.status === 'sent' || row.status === 'failed') ? row : null;
    });
    expect(send.status).toBe('sent');
    expect((await publicCommentsBy(s, thread.ticket.id, aikoZendeskId)).map((c) => c.body)).toEqual([body]);
    const audits = await calls(`/api/v2/tickets/${thread.ticket.id}/audits`);
    expect(audits.every((c) => c.path.includes('page%5Bsize%5D=') || c.path.includes('page[size]='))).toBe(
      true,
    );
  });
});

describe('requests that never answer', () => {
  beforeAll(async () => {
    await s.restartApp({ pollSeconds: 1, zendesk: { ...zendeskSettings(), timeoutSeconds: 0.4 } });
  });

  it('the poller does not freeze on a hung export request', async () => {
    await fault({ method: 'GET', path_prefix: '/api/v2/incremental/', status: 'hang', count: 1 });
    const quiet = await openQuietly('Found after the hang');
    s.zendesk.advanceClock(61);
    await waitFor(
      'the poller found the ticket after a hung poll',
      async () => (await inSlack(quiet.id))[0],
      20_000,
    );
  });

  it('hung ticket reads do not take the webhook slots for good', async () => {
    await fault({ method: 'GET', path_prefix: '/api/v2/tickets/show_many', status: 'hang', count: 4 });
    // One hung read per ticket (tickets arriving together would share one batched read).
    for (let i = 0; i < 4; i++) {
      await s.openTicket({ subject: `Hung ${i}`, body: 'x', brand: 'photos' });
      await waitFor(`hung read ${i + 1}`, async () => (await calls('/api/v2/tickets/show_many')).length > i);
    }
    const fifth = await s.openTicket({ subject: 'Fifth after four hangs', body: 'y', brand: 'photos' });
    await waitFor('the fifth ticket in Slack', async () => (await inSlack(fifth.id))[0], 40_000);
  });

  it('a send stored by Zendesk whose request hangs is not left in "sending": one public comment', async () => {
    const thread = await ticketWithThread(s, { subject: 'Hung send' });
    await fault({
      method: 'PUT',
      path_prefix: `/api/v2/tickets/${thread.ticket.id}`,
      status: 'hang',
      after_write: true,
    });
    const body = 'Sent while Zendesk hung.';
    await submitPreview(s, AIKO, await writeAndPreview(s, AIKO, thread, body));
    await waitFor(
      '"sent by" in the thread',
      async () =>
        repliesTo(await s.messages(thread.channel), thread.root.ts).find((m) =>
          m.text.startsWith('公開返信を'),
        ),
      40_000,
    );
    const send = await s.db.replySend.findFirstOrThrow({
      where: { ticketZendeskId: String(thread.ticket.id) },
    });
    expect(send.status).toBe('sent');
    expect((await zendeskComments(s, thread.ticket.id)).filter((c) => c.body === body)).toHaveLength(1);
  });
});
