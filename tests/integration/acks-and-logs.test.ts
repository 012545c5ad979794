import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signZendeskWebhook } from '../../src/zendesk/webhook-signature.ts';
import { rootsOf, startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox();
});
afterAll(async () => {
  await s?.close();
});

describe('acks come before slow work', () => {
  it('a slash command is acked empty at once and answered later through response_url', async () => {
    const r = await s.api<{
      acked: boolean;
      ack: unknown;
      responses: Array<{ kind: string; body?: { text?: string } }>;
    }>('POST', '/_sim/slack/commands', {
      user: 'U0AGENT1',
      channel: 'C0SUPPORT',
      command: '/yorisoi',
      text: 'status',
    });
    expect(r.status).toBe(200);
    expect(r.body.acked).toBe(true);
    expect(r.body.ack).toEqual({});
    expect(r.body.responses[0]?.kind).toBe('response_url');
    expect(r.body.responses[0]?.body?.text).toContain('Inboxes');
  });

  it('an unknown subcommand gets a clear ephemeral answer', async () => {
    const r = await s.api<{ responses: Array<{ body?: { text?: string; response_type?: string } }> }>(
      'POST',
      '/_sim/slack/commands',
      {
        user: 'U0AGENT1',
        channel: 'C0SUPPORT',
        command: '/yorisoi',
        text: 'frobnicate',
      },
    );
    expect(r.body.responses[0]?.body?.response_type).toBe('ephemeral');
    expect(r.body.responses[0]?.body?.text).toContain('Unknown subcommand "frobnicate"');
  });

  it('the Zendesk webhook is answered 200 even when reading the ticket from Zendesk fails; the ticket follows when Zendesk recovers', async () => {
    await s.api('POST', '/_sim/zendesk/webhooks/drop', { count: 1 });
    const t = await s.openTicket({ subject: 'Slow Zendesk', body: 'hello', brand: 'billing' });
    await s.api('POST', '/_sim/zendesk/faults', {
      method: 'GET',
      // Tickets are read in batches (show_many); a new ticket's comment comes with them.
      path_prefix: '/api/v2/tickets/show_many',
      status: 503,
      count: 1,
      retry_after: 1,
    });
    const body = JSON.stringify({ ticket_id: String(t.id) });
    const ts = new Date().toISOString();
    const res = await fetch(`${s.appUrl}/zendesk/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-zendesk-webhook-signature': signZendeskWebhook(s.setup.signingSecret, ts, body),
        'x-zendesk-webhook-signature-timestamp': ts,
        'x-zendesk-webhook-invocation-id': `slow-${t.id}`,
      },
      body,
    });
    expect(res.status).toBe(200);
    await waitFor(
      'delivery marked failed',
      async () =>
        (await s.db.webhookDelivery.findUnique({ where: { invocationId: `slow-${t.id}` } }))?.status ===
        'failed',
    );
    // Retried later (the poll loop does this every YORISOI_POLL_SECONDS); Zendesk is fine again by then.
    await s.features.tickets.retryWebhooks(new Date(Date.now() + 60_000));
    await waitFor('thread after recovery', async () => rootsOf(await s.messages('C0BILLING'), t.id)[0]);
  });
});

describe('logs', () => {
  it('never contain a token or secret, even when things fail', async () => {
    await s.api('POST', '/_sim/slack/faults', { method: 'chat.postMessage', status: 500, count: 2 });
    await s.api('POST', '/_sim/zendesk/faults', { path_prefix: '/api/v2/users', status: 500, count: 1 });
    const t = await s.openTicket({ subject: 'Secrets', body: 'x', brand: 'photos' });
    await waitFor('delivery handled', async () =>
      (await s.db.webhookDelivery.findMany({ where: { ticketZendeskId: String(t.id) } })).some(
        (d) => d.status !== 'received',
      ),
    );
    await s.features.tickets.retryWebhooks(new Date(Date.now() + 60_000));
    await waitFor('thread', async () => rootsOf(await s.messages('C0PHOTOS'), t.id)[0]);
    await s.runtime.settle();
    const text = s.logs.join('\n');
    expect(s.logs.length).toBeGreaterThan(5);
    for (const secret of [
      s.secrets.botToken,
      s.secrets.appToken,
      s.secrets.signingSecret,
      s.secrets.zendeskToken,
      s.setup.signingSecret,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/xox[bp]-[A-Za-z0-9]/);
    expect(text).not.toMatch(/Basic [A-Za-z0-9+/=]{12,}/);
  });
});
