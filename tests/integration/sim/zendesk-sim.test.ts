import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createClient } from 'node-zendesk';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimServer, type SimServer } from '../../../src/sim/sim-server.ts';
import { createZendeskSim, type ZendeskSim } from '../../../src/sim/zendesk/index.ts';

const API_EMAIL = 'yorisoi-bot@example.com';
const TOKEN = 'sim-token-123';
const START = Date.parse('2025-06-02T09:00:00Z');

interface Harness {
  sim: ZendeskSim;
  server: SimServer;
  base: string;
  client: ReturnType<typeof createClient>;
  /** Raw fetch against the simulator with the API token. */
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  control(path: string, method?: string, json?: unknown): Promise<Response>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function start(opts: { ratePerMinute?: number } = {}): Promise<Harness> {
  let now = START;
  const sim = createZendeskSim({
    subdomain: 'yorisoi-test',
    agentEmail: API_EMAIL,
    apiToken: TOKEN,
    ratePerMinute: opts.ratePerMinute,
    clock: { now: () => now },
    // Retries happen at once; the simulated clock still moves by the waited time.
    webhooks: {
      sleep: async (ms) => {
        now += ms;
      },
    },
  });
  const server = createSimServer();
  server.mount(sim.route);
  await server.listen();
  cleanups.push(() => server.close());
  const base = server.baseUrl;
  const auth = `Basic ${Buffer.from(`${API_EMAIL}/token:${TOKEN}`).toString('base64')}`;
  return {
    sim,
    server,
    base,
    client: createClient({
      username: API_EMAIL,
      token: TOKEN,
      endpointUri: `${base}/api/v2`,
      throwOriginalException: true,
    }),
    api: (path, init = {}) =>
      fetch(`${base}/api/v2${path}`, {
        ...init,
        headers: {
          authorization: auth,
          'content-type': 'application/json',
          ...(init.headers as Record<string, string>),
        },
        body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
      }),
    control: (path, method = 'GET', json) =>
      fetch(`${base}/_sim/zendesk${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: json !== undefined ? JSON.stringify(json) : undefined,
      }),
  };
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver that answers with the queued statuses, then 200. */
async function startReceiver(statuses: { status: number; retryAfter?: number }[] = []) {
  const received: Received[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    const next = statuses.shift() ?? { status: 200 };
    res.writeHead(
      next.status,
      next.retryAfter !== undefined ? { 'retry-after': String(next.retryAfter) } : {},
    );
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/zendesk/events`, received };
}

const openTicket = (h: Harness, email: string, subject = 'Photos will not upload') =>
  h.sim.openTicket({
    subject,
    body: `${subject}. Please help.`,
    requester: { email, name: email.split('@')[0] ?? 'x' },
  });

describe('Zendesk simulator: auth and tickets through node-zendesk', () => {
  it('answers 401 without credentials or with a wrong token', async () => {
    const h = await start();
    const bare = await fetch(`${h.base}/api/v2/tickets/1.json`);
    expect(bare.status).toBe(401);
    expect(await bare.json()).toEqual({ error: "Couldn't authenticate you" });
    const wrong = createClient({
      username: API_EMAIL,
      token: 'nope',
      endpointUri: `${h.base}/api/v2`,
      throwOriginalException: true,
    });
    await expect(wrong.tickets.show(1)).rejects.toMatchObject({ statusCode: 401 });
  });

  it('creates, shows and updates a ticket with a comment; lists comments and audits', async () => {
    const h = await start();
    const created = await h.client.tickets.create({
      ticket: {
        subject: '写真がアップロードできません',
        comment: { body: 'アップロードすると失敗します。' },
        requester: { name: 'Yuki Mori', email: 'yuki@acme.example' },
        tags: ['photos', 'Upload'],
      },
    } as never);
    const ticket = created.result as unknown as Record<string, unknown>;
    expect(ticket.id).toBe(1);
    expect(ticket.status).toBe('new');
    expect(ticket.tags).toEqual(['photos', 'upload']);
    expect(ticket.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const shown = (await h.client.tickets.show(1)).result as unknown as Record<string, unknown>;
    expect(shown.subject).toBe('写真がアップロードできません');
    const requester = (await h.client.users.show(shown.requester_id as number)).result as unknown as Record<
      string,
      unknown
    >;
    expect(requester).toMatchObject({ email: 'yuki@acme.example', role: 'end-user', active: true });
    expect(requester.organization_id).not.toBeNull(); // mapped by the acme.example domain

    const updated = await h.client.tickets.update(1, {
      ticket: {
        comment: { body: 'Checking the logs.', public: false },
        status: 'pending',
        additional_tags: ['triaged'],
      },
    } as never);
    expect(updated.result).toMatchObject({ status: 'pending', tags: ['photos', 'upload', 'triaged'] });

    const comments = (await h.client.tickets.getComments(1)) as unknown as Record<string, unknown>[];
    expect(comments.map((c) => [c.body, c.public])).toEqual([
      ['アップロードすると失敗します。', true],
      ['Checking the logs.', false],
    ]);
    expect(comments[1]?.author_id).toBe(h.sim.apiUserId);

    const audits = await h.api('/tickets/1/audits.json');
    const { audits: list } = (await audits.json()) as {
      audits: { events: { type: string; field_name?: string }[] }[];
    };
    expect(list).toHaveLength(2);
    expect(list[1]?.events.map((e) => e.field_name ?? e.type)).toEqual(['Comment', 'status', 'tags']);
  });

  it('refuses invalid input with 422 RecordInvalid and stale safe updates with 409', async () => {
    const h = await start();
    openTicket(h, 'a@customer.example');
    const blank = await h.api('/tickets/1.json', {
      method: 'PUT',
      json: { ticket: { comment: { body: '  ' } } },
    });
    expect(blank.status).toBe(422);
    expect(await blank.json()).toMatchObject({
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: { comment: [{}] },
    });
    await expect(h.client.tickets.update(1, { ticket: { status: 'bogus' } } as never)).rejects.toMatchObject({
      statusCode: 422,
    });
    const missing = await h.api('/tickets/999.json');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'RecordNotFound', description: 'Not found' });

    const stamp = h.sim.getTicket(1).ticket.updated_at;
    h.sim.advanceClock(5);
    h.sim.agentUpdate(1, { priority: 'high' });
    const stale = await h.api('/tickets/1.json', {
      method: 'PUT',
      json: { ticket: { status: 'solved', safe_update: true, updated_stamp: stamp } },
    });
    expect(stale.status).toBe(409);
    expect(h.sim.getTicket(1).ticket.status).toBe('open');
  });

  it('pages ticket lists by cursor the way node-zendesk follows them', async () => {
    const h = await start();
    for (let i = 0; i < 5; i += 1) openTicket(h, `p${i}@customer.example`, `Ticket ${i}`);
    const first = (await (await h.api('/tickets.json?page[size]=2')).json()) as {
      tickets: { id: number }[];
      meta: { has_more: boolean };
      links: { next: string | null };
    };
    expect(first.tickets.map((t) => t.id)).toEqual([1, 2]);
    expect(first.meta.has_more).toBe(true);
    expect(first.links.next).toContain(h.base);
    const all = (await h.client.tickets.list()) as unknown as { id: number }[];
    expect(all.map((t) => t.id)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('Zendesk simulator: Idempotency-Key on ticket creation', () => {
  it('replays the same ticket for the same key and body, refuses another body, forgets after 2 h', async () => {
    const h = await start();
    const body = {
      ticket: {
        subject: 'Refund',
        comment: { body: 'Please refund order 42' },
        requester: { name: 'R', email: 'r@customer.example' },
      },
    };
    const first = await h.api('/tickets.json', {
      method: 'POST',
      json: body,
      headers: { 'Idempotency-Key': 'reply-7' },
    });
    expect(first.status).toBe(201);
    expect(first.headers.get('x-idempotency-lookup')).toBe('miss');
    const again = await h.api('/tickets.json', {
      method: 'POST',
      json: body,
      headers: { 'Idempotency-Key': 'reply-7' },
    });
    expect(again.headers.get('x-idempotency-lookup')).toBe('hit');
    const [a, b] = (await Promise.all([first.json(), again.json()])) as { ticket: { id: number } }[];
    expect(b?.ticket.id).toBe(a?.ticket.id);

    const other = { ticket: { ...body.ticket, subject: 'Something else' } };
    const mismatch = await h.api('/tickets.json', {
      method: 'POST',
      json: other,
      headers: { 'Idempotency-Key': 'reply-7' },
    });
    expect(mismatch.status).toBe(400);
    expect(h.sim.listTickets().tickets).toHaveLength(1);

    h.sim.advanceClock(2 * 60 * 60 + 1);
    const expired = await h.api('/tickets.json', {
      method: 'POST',
      json: body,
      headers: { 'Idempotency-Key': 'reply-7' },
    });
    expect(expired.headers.get('x-idempotency-lookup')).toBe('miss');
    expect(h.sim.listTickets().tickets).toHaveLength(2);
  });
});

describe('Zendesk simulator: a ticket for an existing requester, found by external_id, with a private note', () => {
  it('creates with requester_id and comment author_id, lists by external_id, refuses unknown ids with 422', async () => {
    const h = await start();
    const first = (await (
      await h.api('/tickets.json', {
        method: 'POST',
        json: {
          ticket: { comment: { body: 'Order 42?' }, requester: { name: 'R', email: 'r@customer.example' } },
        },
      })
    ).json()) as { ticket: { id: number; requester_id: number } };
    const requester = first.ticket.requester_id;
    const created = await h.api('/tickets.json', {
      method: 'POST',
      json: {
        ticket: {
          subject: 'Receipt name',
          requester_id: requester,
          comment: { body: 'Can the receipt name change?', public: true, author_id: requester },
          external_id: 'yorisoi-split:abc',
        },
      },
    });
    expect(created.status).toBe(201);
    const { ticket } = (await created.json()) as { ticket: { id: number; requester_id: number } };
    expect(ticket.requester_id).toBe(requester);
    const comments = (await (await h.api(`/tickets/${ticket.id}/comments.json`)).json()) as {
      comments: { author_id: number; public: boolean }[];
    };
    expect(comments.comments[0]).toMatchObject({ author_id: requester, public: true });

    const listed = (await (await h.api('/tickets.json?external_id=yorisoi-split%3Aabc')).json()) as {
      tickets: { id: number }[];
    };
    expect(listed.tickets.map((t) => t.id)).toEqual([ticket.id]);
    const none = (await (await h.api('/tickets.json?external_id=yorisoi-split%3Aother')).json()) as {
      tickets: unknown[];
    };
    expect(none.tickets).toEqual([]);

    const note = await h.api(`/tickets/${ticket.id}.json`, {
      method: 'PUT',
      json: { ticket: { comment: { body: 'Split from #1', public: false } } },
    });
    expect(note.status).toBe(200);
    const after = (await (await h.api(`/tickets/${ticket.id}/comments.json`)).json()) as {
      comments: { public: boolean; body: string }[];
    };
    expect(after.comments.at(-1)).toMatchObject({ public: false, body: 'Split from #1' });

    const unknown = await h.api('/tickets.json', {
      method: 'POST',
      json: { ticket: { requester_id: 999999, comment: { body: 'x', author_id: 999999 } } },
    });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ error: 'RecordInvalid' });
    const blank = await h.api('/tickets.json', {
      method: 'POST',
      json: { ticket: { requester_id: requester, comment: { body: '' } } },
    });
    expect(blank.status).toBe(422);
  });
});

describe('Zendesk simulator: incremental ticket export', () => {
  interface ExportPage {
    tickets: { id: number }[];
    after_cursor: string | null;
    after_url: string | null;
    end_of_stream: boolean;
  }

  it('pages by cursor, withholds the newest minute, and reports end_of_stream', async () => {
    const h = await start();
    const startTime = Math.floor(START / 1000) - 60;
    for (let i = 0; i < 3; i += 1) openTicket(h, `e${i}@customer.example`, `Export ${i}`);

    // Everything is younger than a minute: nothing yet, and no cursor for a start_time-only call.
    const early = (await (
      await h.api(`/incremental/tickets/cursor.json?start_time=${startTime}`)
    ).json()) as ExportPage;
    expect(early).toMatchObject({ tickets: [], after_cursor: null, end_of_stream: true });

    h.sim.advanceClock(120);
    const page1 = (await (
      await h.api(`/incremental/tickets/cursor.json?start_time=${startTime}&per_page=2`)
    ).json()) as ExportPage;
    expect(page1.tickets.map((t) => t.id)).toEqual([1, 2]);
    expect(page1.end_of_stream).toBe(false);
    expect(page1.after_url).toContain(`${h.base}/api/v2/incremental/tickets/cursor.json?cursor=`);
    const page2 = (await (
      await fetch(page1.after_url ?? '', { headers: { authorization: `Bearer ${TOKEN}` } })
    ).json()) as ExportPage;
    expect(page2.tickets.map((t) => t.id)).toEqual([3]);
    expect(page2.end_of_stream).toBe(true);

    // A change to ticket 1 and a new ticket 4 stay hidden for a minute, then come in updated_at order.
    h.sim.customerReply(1, { body: 'Any news?' });
    openTicket(h, 'late@customer.example', 'Late');
    const hidden = (await (
      await h.api(`/incremental/tickets/cursor.json?cursor=${page2.after_cursor}`)
    ).json()) as ExportPage;
    expect(hidden.tickets).toEqual([]);
    expect(hidden.after_cursor).toBe(page2.after_cursor);
    expect(hidden.end_of_stream).toBe(true);
    h.sim.advanceClock(61);
    const later = (await (
      await h.api(`/incremental/tickets/cursor.json?cursor=${page2.after_cursor}`)
    ).json()) as ExportPage;
    expect(later.tickets.map((t) => t.id)).toEqual([1, 4]);
    expect(later.end_of_stream).toBe(true);
  });

  it('works with node-zendesk exportCursor and refuses a too recent start_time', async () => {
    const h = await start();
    openTicket(h, 'n@customer.example');
    h.sim.advanceClock(90);
    const { result } = await h.client.ticketexport.exportCursor(Math.floor(START / 1000) - 10);
    expect((result as unknown as ExportPage).tickets.map((t) => t.id)).toEqual([1]);
    const recent = await h.api(`/incremental/tickets/cursor.json?start_time=${h.sim.clock().unix - 30}`);
    expect(recent.status).toBe(422);
  });

  it('allows 10 export requests per minute, then 429 with Retry-After', async () => {
    const h = await start();
    const url = `/incremental/tickets/cursor.json?start_time=${Math.floor(START / 1000) - 3600}`;
    for (let i = 0; i < 10; i += 1) expect((await h.api(url)).status).toBe(200);
    const limited = await h.api(url);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    h.sim.advanceClock(61);
    expect((await h.api(url)).status).toBe(200);
  });
});

describe('Zendesk simulator: webhooks and triggers', () => {
  const template = JSON.stringify({
    ticket_id: '{{ticket.id}}',
    subject: '{{ticket.title}}',
    status: '{{ticket.status}}',
    comment: '{{ticket.latest_comment}}',
    requester: '{{ticket.requester.email}}',
    tags: '{{ticket.tags}}',
    actor: '{{current_user.email}}',
  });

  async function wire(h: Harness, receiverUrl: string) {
    const { result: webhook } = await h.client.webhooks.create({
      webhook: {
        name: 'yorisoi',
        endpoint: receiverUrl,
        http_method: 'POST',
        request_format: 'json',
        status: 'active',
        subscriptions: ['conditional_ticket_events'],
      },
    });
    const webhookId = (webhook as unknown as { id: string }).id;
    const { result: secretBody } = await h.client.webhooks.getSigningSecret(webhookId);
    const secret = (secretBody as unknown as { signing_secret: { algorithm: string; secret: string } })
      .signing_secret;
    expect(secret.algorithm).toBe('SHA256');
    const { result: trigger } = await h.client.triggers.create({
      trigger: {
        title: 'Notify yorisoi of customer messages',
        active: true,
        conditions: {
          all: [{ field: 'role', operator: 'is', value: 'end_user' }],
          any: [
            { field: 'update_type', operator: 'is', value: 'Create' },
            { field: 'comment_is_public', operator: 'is', value: 'true' },
          ],
        },
        actions: [{ field: 'notification_webhook', value: [webhookId, template] }],
      },
    });
    expect((trigger as unknown as { id: number }).id).toBeGreaterThan(0);
    return { webhookId, secret: secret.secret };
  }

  it('fires a signed webhook when a customer opens a ticket through the control API', async () => {
    const h = await start();
    const receiver = await startReceiver();
    const { webhookId, secret } = await wire(h, receiver.url);

    const opened = await h.control('/tickets', 'POST', {
      subject: 'Invoice "May"',
      body: '請求書が届きません\nline 2',
      requester: { email: 'hana@sakura.example', name: 'Hana' },
      tags: ['billing'],
      brand: 'billing',
    });
    expect(opened.status).toBe(201);
    const { ticket } = (await opened.json()) as { ticket: { id: number; brand_id: number } };
    await h.sim.settled();

    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    if (!delivery) throw new Error('no delivery');
    const timestamp = String(delivery.headers['x-zendesk-webhook-signature-timestamp']);
    const expected = createHmac('sha256', secret)
      .update(timestamp + delivery.body)
      .digest('base64');
    expect(delivery.headers['x-zendesk-webhook-signature']).toBe(expected);
    expect(delivery.headers['x-zendesk-webhook-id']).toBe(webhookId);
    expect(delivery.headers['content-type']).toContain('application/json');
    expect(timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(JSON.parse(delivery.body)).toEqual({
      ticket_id: String(ticket.id),
      subject: 'Invoice "May"',
      status: 'New',
      comment: '請求書が届きません\nline 2',
      requester: 'hana@sakura.example',
      tags: 'billing',
      actor: 'hana@sakura.example',
    });

    // An agent's internal change does not match; the customer's public reply does.
    h.sim.agentUpdate(ticket.id, { status: 'pending', comment: 'internal', public: false });
    h.sim.customerReply(ticket.id, { body: 'Still waiting' });
    await h.sim.settled();
    expect(receiver.received).toHaveLength(2);
    expect(JSON.parse(receiver.received[1]?.body ?? '{}')).toMatchObject({
      status: 'Open',
      comment: 'Still waiting',
    });

    const log = (await (await h.control('/webhook-deliveries')).json()) as {
      deliveries: { status: string; webhook_id: string; invocation_id: string }[];
    };
    expect(log.deliveries.map((d) => d.status)).toEqual(['success', 'success']);
    expect(log.deliveries[0]?.invocation_id).toBe(delivery.headers['x-zendesk-webhook-invocation-id']);
  });

  it('retries 503 with Retry-After, gives up on Retry-After over 60 s, and drops on request', async () => {
    const h = await start();
    const receiver = await startReceiver([
      { status: 503, retryAfter: 2 },
      { status: 200 },
      { status: 429, retryAfter: 120 },
    ]);
    await wire(h, receiver.url);

    openTicket(h, 'retry@customer.example');
    await h.sim.settled();
    openTicket(h, 'giveup@customer.example');
    await h.sim.settled();
    expect((await h.control('/webhooks/drop', 'POST', { count: 1 })).status).toBe(200);
    openTicket(h, 'dropped@customer.example');
    await h.sim.settled();

    const attempts = h.sim
      .webhookDeliveries()
      .deliveries.map((d) => [d.ticket_id, d.attempt, d.status, d.response_code]);
    expect(attempts).toEqual([
      [1, 1, 'server error', 503],
      [1, 2, 'success', 200],
      [2, 1, 'client error', 429],
      [3, 1, 'dropped', null],
    ]);
    expect(receiver.received).toHaveLength(3);
  });
});

describe('Zendesk simulator: limits, faults, users', () => {
  it('answers 429 with Retry-After over the per-minute budget (node-zendesk resolves instead of throwing)', async () => {
    const h = await start({ ratePerMinute: 3 });
    for (let i = 0; i < 3; i += 1) expect((await h.api('/users/me.json')).status).toBe(200);
    const limited = await h.api('/users/me.json');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const viaClient = await h.client.users.me();
    expect(viaClient.result).toBeInstanceOf(Error);
    expect((viaClient.result as unknown as { statusCode: number }).statusCode).toBe(429);
    h.sim.advanceClock(60);
    expect((await h.api('/users/me.json')).status).toBe(200);
    expect((await h.control('/rate', 'POST', { per_minute: 'many' })).status).toBe(400);
  });

  it('limits one user to 30 updates of one ticket per 10 minutes', async () => {
    const h = await start();
    openTicket(h, 'busy@customer.example');
    for (let i = 0; i < 30; i += 1) {
      const res = await h.api('/tickets/1.json', {
        method: 'PUT',
        json: { ticket: { comment: { body: `note ${i}`, public: false } } },
      });
      expect(res.status).toBe(200);
    }
    const limited = await h.api('/tickets/1.json', { method: 'PUT', json: { ticket: { priority: 'high' } } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).not.toBeNull();
  });

  it('injects faults for matching requests only', async () => {
    const h = await start();
    openTicket(h, 'fault@customer.example');
    await h.control('/faults', 'POST', {
      method: 'PUT',
      path_prefix: '/api/v2/tickets',
      status: 503,
      count: 1,
      retry_after: 3,
    });
    expect((await h.api('/tickets/1.json')).status).toBe(200);
    const failed = await h.api('/tickets/1.json', { method: 'PUT', json: { ticket: { priority: 'low' } } });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('3');
    expect(
      (await h.api('/tickets/1.json', { method: 'PUT', json: { ticket: { priority: 'low' } } })).status,
    ).toBe(200);
    const bad = await h.control('/faults', 'POST', { status: 418 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_input', issues: expect.any(Array) });
  });

  it('merges users: tickets and identities move to the target, the source is deleted', async () => {
    const h = await start();
    openTicket(h, 'old@customer.example', 'From the old address');
    openTicket(h, 'new@customer.example', 'From the new address');
    const found = (await h.client.users.search({ query: 'email:old@customer.example' })) as unknown as {
      id: number;
    }[];
    const source = found[0]?.id ?? 0;
    const target =
      (
        (await h.client.users.search({ query: 'email:new@customer.example' })) as unknown as { id: number }[]
      )[0]?.id ?? 0;
    expect(source).toBeGreaterThan(0);

    const merged = await h.client.users.merge(source, target);
    expect((merged.result as unknown as { id: number }).id).toBe(target);
    const requested = (await h.client.tickets.listByUserRequested(target)) as unknown as { id: number }[];
    expect(requested.map((t) => t.id).sort()).toEqual([1, 2]);
    const sourceUser = (await h.client.users.show(source)).result as unknown as { active: boolean };
    expect(sourceUser.active).toBe(false);
    const identities = (await h.client.useridentities.list(target)) as unknown as { value: string }[];
    expect(identities.map((i) => i.value).sort()).toEqual(['new@customer.example', 'old@customer.example']);
    const search = (await h.client.search.query('type:ticket requester:old@customer.example'))
      .result as unknown as { id: number; result_type: string }[];
    expect(search.map((r) => [r.result_type, r.id])).toEqual([
      ['ticket', 1],
      ['ticket', 2],
    ]);

    // The control route does the same for another pair, and refuses unknown users.
    openTicket(h, 'third@customer.example');
    expect(
      (
        await h.control('/users/merge', 'POST', {
          source_email: 'third@customer.example',
          target_email: 'new@customer.example',
        })
      ).status,
    ).toBe(200);
    expect(h.sim.getTicket(3).ticket.requester_id).toBe(target);
    expect(
      (
        await h.control('/users/merge', 'POST', {
          source_email: 'nobody@x.example',
          target_email: 'new@customer.example',
        })
      ).status,
    ).toBe(404);
  });

  it('serves seeded agents, groups, brands and macros', async () => {
    const h = await start();
    const agents = (await h.client.search.query('type:user email:aiko@example.com')).result as unknown as {
      name: string;
      role: string;
    }[];
    expect(agents).toEqual([
      expect.objectContaining({ name: 'Aiko Sato', role: 'agent', result_type: 'user' }),
    ]);
    const groups = (await (await h.api('/groups.json')).json()) as { groups: { name: string }[] };
    expect(groups.groups.map((g) => g.name)).toEqual(['Support', 'Onboarding']);
    const brands = (await (await h.api('/brands.json')).json()) as { brands: { name: string }[] };
    expect(brands.brands.map((b) => b.name)).toEqual(['photos', 'billing']);
    await h.client.macros.create({
      macro: {
        title: 'Refund: accepted',
        actions: [{ field: 'comment_value', value: '返金いたします。' }],
        active: true,
      },
    } as never);
    const active = (await h.client.macros.list()) as unknown as { title: string }[];
    expect(active.map((m) => m.title)).toEqual(['Refund: accepted']);
  });
});
