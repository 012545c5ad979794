import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSimServer } from '../../src/sim/sim-server.ts';
import { createZendeskSim } from '../../src/sim/zendesk/index.ts';
import { type Db, openDatabase } from '../../src/storage/database.ts';
import { createRateWindowStore } from '../../src/storage/zendesk-budget-store.ts';
import { createZendeskBudget, withBudget } from '../../src/zendesk/rate-budget.ts';
import { createZendeskApi } from '../../src/zendesk/zendesk-client.ts';
import { startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';
import { testDatabaseUrl } from './test-store.ts';

/**
 * The Zendesk budget: one per account across instances (counted in the database), a 429's Retry-After
 * pausing every instance, background reads standing back during a burst, and the ticket path reading a
 * burst in batched, side-loaded calls.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function twoInstances() {
  const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-budget-'));
  const url = await testDatabaseUrl(dir);
  const dbs: Db[] = [await openDatabase(url), await openDatabase(url, { migrate: false })];
  cleanups.push(async () => {
    for (const db of dbs) await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });
  return dbs;
}

const MINUTE = 60_000;
const START = Date.parse('2026-11-30T01:00:00Z');

describe('Zendesk budget across instances', () => {
  it('two instances on one database together never take more than the share of a minute', async () => {
    const dbs = await twoInstances();
    let now = START;
    const taken: number[] = [];
    const budgets = dbs.map((db) =>
      createZendeskBudget({
        store: createRateWindowStore(db),
        account: 'acme.zendesk.com',
        planPerMinute: 80,
        share: 0.5,
        clock: () => now,
        // Waiting moves the shared clock to the next window.
        sleep: async () => {
          now = (Math.floor(now / MINUTE) + 1) * MINUTE;
        },
      }),
    );
    await Promise.all(
      Array.from({ length: 70 }, async (_, i) => {
        await budgets[i % 2]!.acquire('ticket');
        taken.push(Math.floor(now / MINUTE));
      }),
    );
    const perWindow = new Map<number, number>();
    for (const w of taken) perWindow.set(w, (perWindow.get(w) ?? 0) + 1);
    expect(taken).toHaveLength(70);
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(40);
    expect(perWindow.get(Math.floor(START / MINUTE))).toBe(40);
  });

  it('background reads stand back while ticket reads wait (a burst), and run again after it', async () => {
    const [db] = await twoInstances();
    let now = START;
    const budget = createZendeskBudget({
      store: createRateWindowStore(db!),
      account: 'acme.zendesk.com',
      planPerMinute: 8,
      share: 1,
      clock: () => now,
      sleep: async () => {
        now = (Math.floor(now / MINUTE) + 1) * MINUTE;
      },
    });
    expect(await budget.acquire('background')).toBe(true);
    for (let i = 0; i < 7; i++) await budget.acquire('ticket');
    // The window is full: this ticket read waits for the next minute, and marks the burst.
    await budget.acquire('ticket');
    expect(await budget.acquire('background')).toBe(false);
    now += 3 * MINUTE;
    expect(await budget.acquire('background')).toBe(true);
  });

  it('a 429 with Retry-After pauses every instance, and the read is tried again after it', async () => {
    const dbs = await twoInstances();
    let now = START;
    const sim = createZendeskSim({
      subdomain: 'budget',
      agentEmail: 'bot@example.com',
      apiToken: 'tok',
      ratePerMinute: 3,
      clock: { now: () => now },
    });
    const server = createSimServer();
    server.mount(sim.route);
    await server.listen();
    cleanups.push(() => server.close());
    const ticket = sim.openTicket({
      subject: 'S',
      body: 'B',
      requester: { email: 'a@example.com', name: 'A' },
    }).ticket;
    const raw = createZendeskApi({
      apiUrl: `${server.baseUrl}/api/v2`,
      email: 'bot@example.com',
      apiToken: 'tok',
    });
    const waits: number[] = [];
    // yorisoi believes the plan allows far more than the account has left: Zendesk's 429 decides.
    const apis = dbs.map((db) =>
      withBudget(
        raw,
        createZendeskBudget({
          store: createRateWindowStore(db),
          account: 'budget',
          planPerMinute: 1000,
          share: 1,
          clock: () => now,
          sleep: async (ms) => {
            waits.push(ms);
            now += ms;
          },
        }),
      ),
    );
    const read = (i: number) =>
      apis[i % 2]!.call('GET', ['tickets', ticket.id], z.object({ ticket: z.object({}) }));
    for (let i = 0; i < 3; i++) await read(i);
    const before = now;
    await read(3); // 429 with Retry-After: waits, then succeeds in the next minute
    expect(now).toBeGreaterThan(before);
    const calls = sim.calls().calls.filter((c) => c.path.startsWith(`/api/v2/tickets/${ticket.id}`));
    expect(calls.map((c) => c.status)).toEqual([200, 200, 200, 429, 200]);
    // The pause is shared: the other instance's next read waits for it rather than meeting another 429.
    await read(4);
    expect(sim.calls().calls.filter((c) => c.status === 429)).toHaveLength(1);
    expect(waits.length).toBeGreaterThan(0);
  });
});

describe('Zendesk budget on the ticket path', () => {
  let sandbox: TestSandbox;
  afterEach(async () => {
    await sandbox?.close();
  });
  /** `count` new tickets at once, each from its own customer: "<subject> <i>", body from `body(i)`. */
  const openBurst = (count: number, subject: string, body: (i: number) => string) =>
    Promise.all(
      Array.from({ length: count }, (_, i) =>
        sandbox.openTicket({
          subject: `${subject} ${i}`,
          body: body(i),
          requester: { email: `${subject.toLowerCase()}${i}@example.com`, name: `${subject} ${i}` },
        }),
      ),
    );

  it('a burst of new tickets is read with batched show_many calls, people side-loaded', async () => {
    sandbox = await startTestSandbox({ zendeskShare: 0.5 });
    const count = 30;
    await openBurst(count, 'Burst', (i) => `Body ${i}`);
    await waitFor(
      'every root',
      async () => {
        const roots = (await sandbox.messages()).filter((m) => /^#\d+ Burst/.test(m.text) && !m.thread_ts);
        return roots.length === count;
      },
      60_000,
    );
    const { calls } = (
      await sandbox.api<{ calls: { method: string; path: string }[] }>('GET', '/_sim/zendesk/calls')
    ).body;
    const shape = (p: string) => p.split('?')[0]!.replace(/\d+/g, '{id}');
    const single = calls.filter((c) => shape(c.path) === '/api/v{id}/tickets/{id}.json');
    const people = calls.filter((c) => shape(c.path) === '/api/v{id}/users/{id}.json');
    const batched = calls.filter((c) => shape(c.path) === '/api/v{id}/tickets/show_many.json');
    expect(single).toHaveLength(0);
    expect(people).toHaveLength(0);
    expect(batched.length).toBeGreaterThan(0);
    expect(batched.length).toBeLessThan(count);
    expect(batched.every((c) => /include=users%2Cgroups%2Corganizations%2Cbrands/.test(c.path))).toBe(true);
  });

  it('a new ticket costs no comments read and no identities read of its own: both come in batches', async () => {
    sandbox = await startTestSandbox({ zendeskShare: 0.5 });
    const count = 20;
    await openBurst(count, 'Quiet', (i) => `はじめまして、${i} 番の問い合わせです`);
    const firstMessages = async () =>
      (await sandbox.messages()).filter((m) => m.thread_ts && /番の問い合わせです/.test(m.text));
    await waitFor('every first message', async () => (await firstMessages()).length === count, 60_000);
    const calls = async () =>
      (await sandbox.api<{ calls: { method: string; path: string }[] }>('GET', '/_sim/zendesk/calls')).body
        .calls;
    const shape = (p: string) => p.split('?')[0]!.replace(/\d+/g, '{id}');
    const of = async (path: string) => (await calls()).filter((c) => shape(c.path) === path);
    expect(await of('/api/v{id}/tickets/{id}/comments.json')).toHaveLength(0);
    expect(await of('/api/v{id}/users/{id}/identities.json')).toHaveLength(0);
    const identityBatches = (await of('/api/v{id}/users/show_many.json')).filter((c) =>
      /include=identities/.test(c.path),
    );
    expect(identityBatches.length).toBeGreaterThan(0);
    expect(identityBatches.length).toBeLessThan(count);
    // The first message was stored under its comment's id: when the customer writes again (two comments:
    // the ticket's comments are read), the first is known and only the follow-up is posted.
    const ticketIds = (await calls())
      .filter((c) => shape(c.path) === '/api/v{id}/tickets/show_many.json')
      .flatMap((c) => decodeURIComponent(/ids=([^&]+)/.exec(c.path)![1]!).split(','));
    const target = Number(ticketIds[0]);
    await sandbox.api('POST', `/_sim/zendesk/tickets/${target}/customer-reply`, { body: '追記：急ぎです' });
    await waitFor('the follow-up', async () =>
      (await sandbox.messages()).some((m) => m.text.includes('追記：急ぎです')),
    );
    expect(await of('/api/v{id}/tickets/{id}/comments.json')).toHaveLength(1);
    const texts = (await sandbox.messages()).map((m) => m.text);
    expect(new Set((await firstMessages()).map((m) => m.text)).size).toBe(count);
    expect((await firstMessages()).length).toBe(count);
    expect(texts.filter((t) => t.includes('追記：急ぎです'))).toHaveLength(1);
  });
});
