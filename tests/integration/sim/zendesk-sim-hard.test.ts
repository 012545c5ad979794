import { afterEach, describe, expect, it } from 'vitest';
import { createSimServer } from '../../../src/sim/sim-server.ts';
import { createZendeskSim, type ZendeskPlan, type ZendeskSim } from '../../../src/sim/zendesk/index.ts';

/** The Zendesk simulator as hard as the real account: deletions, both pagings, plan limits, faults after
 *  the write, latency, personal macros, and a log of every call. */
const API_EMAIL = 'yorisoi-bot@example.com';
const TOKEN = 'sim-token-hard';
const START = Date.parse('2025-06-02T09:00:00Z');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function start(opts: { plan?: ZendeskPlan; ratePerMinute?: number } = {}) {
  let now = START;
  const sim: ZendeskSim = createZendeskSim({
    subdomain: 'hard',
    agentEmail: API_EMAIL,
    apiToken: TOKEN,
    plan: opts.plan,
    ratePerMinute: opts.ratePerMinute,
    clock: { now: () => now },
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
  const api = (path: string, init: { method?: string; json?: unknown; as?: string } = {}) =>
    fetch(`${base}/api/v2${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: init.as
          ? `Basic ${Buffer.from(`${init.as}/token:${TOKEN}`).toString('base64')}`
          : auth,
        'content-type': 'application/json',
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });
  const control = (path: string, method = 'GET', json?: unknown) =>
    fetch(`${base}/_sim/zendesk${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: json !== undefined ? JSON.stringify(json) : undefined,
    });
  const open = (subject = 'Help') =>
    sim.openTicket({ subject, body: `${subject}.`, requester: { email: 'c@example.com', name: 'C' } }).ticket;
  return { sim, base, api, control, open, advance: (s: number) => sim.advanceClock(s) };
}

describe('Zendesk simulator: deleted tickets', () => {
  it('DELETE /_sim/zendesk/tickets/:id: the API answers 404, the export shows "deleted" unless exclude_deleted', async () => {
    const h = await start();
    const keep = h.open('Keep me');
    const spam = h.open('Buy cheap watches');
    const deleted = await h.control(`/tickets/${spam.id}`, 'DELETE');
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ deleted: spam.id });
    expect((await h.api(`/tickets/${spam.id}.json`)).status).toBe(404);
    expect((await h.api(`/tickets/${spam.id}/comments.json`)).status).toBe(404);
    expect((await h.control(`/tickets/${spam.id}`, 'DELETE')).status).toBe(404);
    h.advance(120);
    const since = Math.floor(START / 1000) - 60;
    const all = (await (await h.api(`/incremental/tickets/cursor.json?start_time=${since}`)).json()) as {
      tickets: { id: number; status: string }[];
    };
    expect(all.tickets.map((t) => [t.id, t.status])).toEqual([
      [keep.id, 'new'],
      [spam.id, 'deleted'],
    ]);
    const live = (await (
      await h.api(`/incremental/tickets/cursor.json?start_time=${since}&exclude_deleted=true`)
    ).json()) as { tickets: { id: number }[] };
    expect(live.tickets.map((t) => t.id)).toEqual([keep.id]);
  });
});

describe('Zendesk simulator: audits and comments page like Zendesk', () => {
  it('offset paging without page[size] (next_page, 100 a page, no meta); cursor paging with it', async () => {
    const h = await start();
    const ticket = h.open('Long story');
    for (let i = 0; i < 120; i++) h.sim.customerReply(ticket.id, { body: `and another thing ${i}` });
    for (const kind of ['audits', 'comments'] as const) {
      const first = (await (await h.api(`/tickets/${ticket.id}/${kind}.json`)).json()) as Record<
        string,
        unknown
      >;
      expect((first[kind] as unknown[]).length).toBe(100);
      expect(first.meta).toBeUndefined();
      expect(first.count).toBe(121);
      expect(String(first.next_page)).toContain('page=2');
      const second = (await (
        await fetch(String(first.next_page).replace('http://', 'http://'), {
          headers: {
            authorization: `Basic ${Buffer.from(`${API_EMAIL}/token:${TOKEN}`).toString('base64')}`,
          },
        })
      ).json()) as Record<string, unknown>;
      expect((second[kind] as unknown[]).length).toBe(21);
      expect(second.next_page).toBeNull();

      const cursor = (await (await h.api(`/tickets/${ticket.id}/${kind}.json?page[size]=100`)).json()) as {
        meta: { has_more: boolean; after_cursor: string };
        links: { next: string | null };
      } & Record<string, unknown[]>;
      expect(cursor[kind]).toHaveLength(100);
      expect(cursor.meta.has_more).toBe(true);
      expect(cursor.links.next).toContain('page%5Bafter%5D=');
      const rest = (await (
        await h.api(
          `/tickets/${ticket.id}/${kind}.json?page[size]=100&page[after]=${cursor.meta.after_cursor}`,
        )
      ).json()) as { meta: { has_more: boolean } } & Record<string, unknown[]>;
      expect(rest[kind]).toHaveLength(21);
      expect(rest.meta.has_more).toBe(false);
    }
  });

  it('pages more than 100 triggers (offset) and webhooks (cursor only)', async () => {
    const h = await start({ ratePerMinute: 100_000 });
    let hookId: string | undefined;
    for (let i = 0; i < 101; i++) {
      const r = await h.api('/webhooks', {
        method: 'POST',
        json: {
          webhook: {
            name: `Hook ${i}`,
            endpoint: 'https://example.com/hook',
            http_method: 'POST',
            request_format: 'json',
            status: 'active',
          },
        },
      });
      expect(r.status).toBe(201);
      hookId ??= ((await r.json()) as { webhook: { id: string } }).webhook.id;
    }
    for (let i = 0; i < 105; i++) {
      const r = await h.api('/triggers.json', {
        method: 'POST',
        json: {
          trigger: {
            title: `Rule ${i}`,
            conditions: { all: [{ field: 'status', operator: 'is', value: 'open' }] },
            actions: [{ field: 'notification_webhook', value: [hookId, '{}'] }],
          },
        },
      });
      expect(r.status).toBe(201);
    }
    const first = (await (await h.api('/triggers.json')).json()) as {
      triggers: unknown[];
      next_page: string;
    };
    expect(first.triggers).toHaveLength(100);
    expect(first.next_page).toContain('page=2');
    const hooks = (await (await h.api('/webhooks')).json()) as {
      webhooks: unknown[];
      meta: { has_more: boolean };
      links: { next: string };
    };
    expect(hooks.webhooks).toHaveLength(100);
    expect(hooks.meta.has_more).toBe(true);
    expect(hooks.links.next).toContain('page%5Bafter%5D=');
  });
});

describe('Zendesk simulator: plan limits and the call log', () => {
  it('Team plan by default: 200 requests a minute on every endpoint, then 429 with Retry-After; every call logged', async () => {
    const h = await start();
    h.open();
    const paths = ['/users/me.json', '/tickets/1.json', '/tickets/1/audits.json', '/macros.json'];
    for (let i = 0; i < 200; i++) expect((await h.api(paths[i % paths.length] ?? '')).status).toBe(200);
    for (const path of [...paths, '/webhooks', '/triggers.json']) {
      const limited = await h.api(path);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const put = await h.api('/tickets/1.json', { method: 'PUT', json: { ticket: { priority: 'low' } } });
    expect(put.status).toBe(429);
    const calls = (await (await h.control('/calls')).json()) as {
      calls: { method: string; path: string; status: number }[];
    };
    expect(calls.calls).toHaveLength(207);
    expect(calls.calls.filter((c) => c.status === 200)).toHaveLength(200);
    expect(calls.calls.at(-1)).toMatchObject({ method: 'PUT', path: '/api/v2/tickets/1.json', status: 429 });
    const puts = (await (await h.control('/calls?method=PUT')).json()) as { calls: unknown[] };
    expect(puts.calls).toHaveLength(1);
    h.advance(60);
    expect((await h.api('/users/me.json')).status).toBe(200);
  });

  it('other plans: Professional 400, Enterprise 700', async () => {
    for (const [plan, limit] of [
      ['professional', 400],
      ['enterprise', 700],
    ] as const) {
      const h = await start({ plan });
      const r = await h.api('/users/me.json');
      expect(r.headers.get('x-rate-limit')).toBe(String(limit));
    }
  });
});

describe('Zendesk simulator: faults after the write, hangs, latency', () => {
  const update = (h: Awaited<ReturnType<typeof start>>, id: number, body: string) =>
    h.api(`/tickets/${id}.json`, {
      method: 'PUT',
      json: { ticket: { comment: { body, public: true } } },
    });

  it('stored, then 500: the comment is in the ticket although the caller saw an error', async () => {
    const h = await start();
    const t = h.open();
    await h.control('/faults', 'POST', {
      method: 'PUT',
      path_prefix: '/api/v2/tickets',
      status: 500,
      after_write: true,
    });
    const r = await update(h, t.id, 'first answer');
    expect(r.status).toBe(500);
    expect(h.sim.getTicket(t.id).comments.map((c) => c.body)).toContain('first answer');
  });

  it('stored, then connection reset', async () => {
    const h = await start();
    const t = h.open();
    await h.control('/faults', 'POST', { method: 'PUT', status: 'reset', after_write: true });
    await expect(update(h, t.id, 'reset answer')).rejects.toThrow();
    expect(h.sim.getTicket(t.id).comments.map((c) => c.body)).toContain('reset answer');
    const calls = (await (await h.control('/calls?method=PUT')).json()) as { calls: { status: number }[] };
    expect(calls.calls).toEqual([expect.objectContaining({ status: 0 })]);
  });

  it('stored, then hang: the comment is stored and the request never answers', async () => {
    const h = await start();
    const t = h.open();
    await h.control('/faults', 'POST', { method: 'PUT', status: 'hang', after_write: true });
    const pending = update(h, t.id, 'hung answer').then(
      () => 'answered',
      () => 'failed',
    );
    // The comment is stored while the request is still open.
    for (let i = 0; i < 200 && !h.sim.getTicket(t.id).comments.some((c) => c.body === 'hung answer'); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(h.sim.getTicket(t.id).comments.map((c) => c.body)).toContain('hung answer');
    const raced = await Promise.race([pending, new Promise((r) => setTimeout(() => r('still open'), 300))]);
    expect(raced).toBe('still open');
  });

  it('before the write, a fault stores nothing; a bad fault or latency setting is refused', async () => {
    const h = await start();
    const t = h.open();
    await h.control('/faults', 'POST', { method: 'PUT', status: 503 });
    expect((await update(h, t.id, 'never stored')).status).toBe(503);
    expect(h.sim.getTicket(t.id).comments.map((c) => c.body)).not.toContain('never stored');
    expect((await h.control('/faults', 'POST', { status: 'boom', after_write: true })).status).toBe(400);
    expect((await h.control('/latency', 'POST', { p50_ms: 500, p99_ms: 100 })).status).toBe(400);
  });

  it('latency is off by default and settable through the control API', async () => {
    const h = await start();
    expect(await (await h.control('/latency')).json()).toEqual({ latency: { off: true } });
    const on = await h.control('/latency', 'POST', { p50_ms: 20, p99_ms: 60 });
    expect(await on.json()).toEqual({ latency: { p50_ms: 20, p99_ms: 60 } });
    expect((await h.api('/users/me.json')).status).toBe(200);
    expect(await (await h.control('/latency', 'POST', { off: true })).json()).toEqual({
      latency: { off: true },
    });
  });
});

describe('Zendesk simulator: personal macros', () => {
  it('admins list shared and every personal macro; agents see shared and their own; access filters', async () => {
    const h = await start();
    const users = h.sim.listUsers().users;
    const aiko = users.find((u) => u.email === 'aiko@example.com');
    const kenji = users.find((u) => u.email === 'kenji@example.com');
    expect(aiko && kenji).toBeTruthy();
    const make = async (title: string, restriction: unknown) => {
      const r = await h.api('/macros.json', {
        method: 'POST',
        json: { macro: { title, actions: [{ field: 'comment_value', value: title }], restriction } },
      });
      expect(r.status).toBe(200);
    };
    await make('Shared answer', null);
    await make('Aiko private', { type: 'User', id: aiko?.id });
    await make('Kenji private', { type: 'User', id: kenji?.id });
    const titles = async (query: string, as?: string) =>
      ((await (await h.api(`/macros.json${query}`, { as })).json()) as { macros: { title: string }[] }).macros
        .map((m) => m.title)
        .filter((t) => /Shared|private/.test(t));
    expect(await titles('')).toEqual(['Shared answer', 'Aiko private', 'Kenji private']);
    expect(await titles('?access=shared')).toEqual(['Shared answer']);
    expect(await titles('?access=agents')).toEqual(['Aiko private', 'Kenji private']);
    expect(await titles('', 'aiko@example.com')).toEqual(['Shared answer', 'Aiko private']);
    expect(
      (
        await h.api('/macros.json', {
          method: 'POST',
          json: {
            macro: {
              title: 'x',
              actions: [{ field: 'status', value: 'open' }],
              restriction: { type: 'Nobody' },
            },
          },
        })
      ).status,
    ).toBe(422);
  });
});

describe('Zendesk simulator: side-loads and show_many', () => {
  it('side-loads the people, groups, organisations and brands of tickets once each, and counts comments', async () => {
    const { api, open, sim } = await start();
    const a = open('A');
    const b = open('B');
    sim.customerReply(a.id, { body: 'More.' });
    const res = await api(
      `/tickets/show_many.json?ids=${a.id},${b.id}&include=users,groups,organizations,brands,comment_count`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      tickets: { id: number; requester_id: number; comment_count: number; brand_id: number }[];
      users: { id: number }[];
      brands: { id: number }[];
      groups: unknown[];
      organizations: unknown[];
    };
    expect(body.tickets.map((t) => t.id)).toEqual([a.id, b.id]);
    expect(body.tickets.map((t) => t.comment_count)).toEqual([2, 1]);
    // One requester for both tickets: listed once.
    expect(body.users.filter((u) => u.id === body.tickets[0]!.requester_id)).toHaveLength(1);
    expect(body.brands.map((x) => x.id)).toContain(body.tickets[0]!.brand_id);
    expect(Array.isArray(body.groups) && Array.isArray(body.organizations)).toBe(true);

    const single = (await (await api(`/tickets/${a.id}.json?include=users`)).json()) as {
      ticket: { id: number };
      users: unknown[];
    };
    expect(single.ticket.id).toBe(a.id);
    expect(single.users.length).toBeGreaterThan(0);
    // Without include: no side-load arrays.
    const plain = (await (await api(`/tickets/${a.id}.json`)).json()) as Record<string, unknown>;
    expect(plain.users).toBeUndefined();
  });

  it('refuses show_many with more than 100 ids (400), tickets and users, as Zendesk does', async () => {
    const { api } = await start();
    const ids = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    expect((await api(`/tickets/show_many.json?ids=${ids}`)).status).toBe(400);
    expect((await api(`/users/show_many.json?ids=${ids}`)).status).toBe(400);
  });

  it("side-loads each ticket's last audit (not on the incremental export) and users' identities", async () => {
    const { api, open, sim } = await start();
    const a = open('A');
    const b = open('B');
    sim.customerReply(a.id, { body: 'More.' });
    const body = (await (
      await api(`/tickets/show_many.json?ids=${a.id},${b.id}&include=last_audits`)
    ).json()) as {
      tickets: { id: number; requester_id: number }[];
      audits: { ticket_id: number; events: { type: string; body?: string }[] }[];
    };
    expect(body.audits.map((x) => x.ticket_id)).toEqual([a.id, b.id]);
    // A's last audit is the customer's reply; B's is the creating one, with the first comment.
    expect(body.audits[0]!.events.find((e) => e.type === 'Comment')?.body).toBe('More.');
    expect(body.audits[1]!.events.some((e) => e.type === 'Comment')).toBe(true);
    const incremental = (await (
      await api('/incremental/tickets/cursor.json?start_time=0&include=last_audits')
    ).json()) as Record<string, unknown>;
    expect(incremental.audits).toBeUndefined();

    const requester = body.tickets[0]!.requester_id;
    const users = (await (await api(`/users/show_many.json?ids=${requester}&include=identities`)).json()) as {
      users: { id: number }[];
      identities: { user_id: number; type: string; value: string }[];
    };
    expect(users.users.map((u) => u.id)).toEqual([requester]);
    expect(users.identities.length).toBeGreaterThan(0);
    expect(users.identities.every((i) => i.user_id === requester)).toBe(true);
    const plain = (await (await api(`/users/show_many.json?ids=${requester}`)).json()) as Record<
      string,
      unknown
    >;
    expect(plain.identities).toBeUndefined();
  });
});
