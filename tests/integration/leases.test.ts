import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/composition/scheduler.ts';
import { createDraftStore } from '../../src/storage/draft-store.ts';
import { createLeases } from '../../src/storage/lease-store.ts';
import { rootsOf, startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

// Several instances share one database (PostgreSQL in production): what one instance has claimed and is
// working on must not look "in doubt" to another, and a dead instance's claims are taken over after they
// expire. Runs on both stores (the `integration` and `integration-pg` projects).
let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox();
});
afterAll(async () => {
  await s?.close();
});

const postCalls = async () =>
  (await s.api<{ calls: unknown[] }>('GET', '/_sim/slack/calls?method=chat.postMessage')).body.calls.length;

describe('outbox claims across instances', () => {
  it('a row another live instance is sending is not in doubt here; once its claim expired it is taken over and found in Slack, not posted again', async () => {
    const t = await s.openTicket({ subject: 'Claimed elsewhere', body: 'one post only', brand: 'photos' });
    await waitFor('root', async () => rootsOf(await s.messages('C0PHOTOS'), t.id)[0]);
    await s.runtime.settle();
    const row = await s.db.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: `root:${t.id}` } });
    // Another instance claimed it a moment ago and is waiting for Slack's answer.
    await s.db.outboxMessage.update({
      where: { id: row.id },
      data: {
        status: 'sending',
        slackTs: null,
        claimedBy: 'other-host:3000',
        leaseUntil: new Date(Date.now() + 60_000),
      },
    });
    expect(await s.features.outbox.recoverInDoubt()).toBe(0);
    expect((await s.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('sending');

    // That instance died: its claim ran out.
    await s.db.outboxMessage.update({
      where: { id: row.id },
      data: { leaseUntil: new Date(Date.now() - 1000) },
    });
    const posts = await postCalls();
    expect(await s.features.outbox.recoverInDoubt()).toBe(1);
    s.features.outbox.wake();
    await s.runtime.settle();
    const after = await s.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.status).toBe('sent');
    expect(after.slackTs).toBe(row.slackTs);
    expect(await postCalls()).toBe(posts);
    expect(rootsOf(await s.messages('C0PHOTOS'), t.id)).toHaveLength(1);
  });

  it('a reply send another live instance is sending is not released by this one; an expired one is', async () => {
    const ticket = await s.openTicket({ subject: 'Reply claimed elsewhere', body: 'hello', brand: 'photos' });
    const send = await s.db.replySend.create({
      data: {
        kind: 'reply',
        version: 1,
        ticketZendeskId: String(ticket.id),
        senderSlackId: 'U0AGENT1',
        authorZendeskId: '1',
        body: 'claimed elsewhere',
        public: true,
        status: 'sending',
        dueAt: new Date(),
        attempts: 1,
        claimedBy: 'other-host:3000',
        leaseUntil: new Date(Date.now() + 60_000),
      },
    });
    const mine = createDraftStore(s.db, { instanceId: 'this-host:3000', leaseMs: 30_000 });
    expect(await mine.releaseInDoubtSends(new Date())).toBe(0);
    expect((await s.db.replySend.findUniqueOrThrow({ where: { id: send.id } })).status).toBe('sending');
    expect(await mine.releaseInDoubtSends(new Date(Date.now() + 61_000))).toBe(1);
    const released = await s.db.replySend.findUniqueOrThrow({ where: { id: send.id } });
    expect(released.status).toBe('scheduled');
    // Not sent here: this test only checks who may release it.
    await s.db.replySend.update({ where: { id: send.id }, data: { status: 'cancelled', inFlightKey: null } });
  });
});

describe('named leases', () => {
  it('one holder at a time; kept by its holder; taken over once expired or released', async () => {
    const a = createLeases(s.db, { holder: 'a', ttlMs: 60_000 });
    const b = createLeases(s.db, { holder: 'b', ttlMs: 60_000 });
    let release!: () => void;
    const running = a.runExclusive(
      'job:test',
      () => new Promise<string>((r) => (release = () => r('a ran'))),
    );
    await waitFor(
      'a holds the lease',
      async () => (await s.db.lease.findUnique({ where: { name: 'job:test' } }))?.holder === 'a',
    );
    expect(await b.runExclusive('job:test', () => 'b ran')).toEqual({ ran: false });
    release();
    expect(await running).toEqual({ ran: true, value: 'a ran' });
    // The holder keeps it between runs: the others still skip; the holder runs again.
    expect(await b.runExclusive('job:test', () => 'b ran')).toEqual({ ran: false });
    expect(await a.runExclusive('job:test', () => 'a again')).toEqual({ ran: true, value: 'a again' });
    await a.releaseAll();
    expect(await b.runExclusive('job:test', () => 'b ran')).toEqual({ ran: true, value: 'b ran' });
    // b dies holding it: once expired, a takes it.
    await s.db.lease.update({ where: { name: 'job:test' }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await a.acquire('job:test')).toBe(true);
    expect(await b.acquire('job:test')).toBe(false);
  });

  it('two instances racing for a free lease: exactly one gets it', async () => {
    for (let round = 0; round < 5; round++) {
      const name = `race:${round}`;
      const holders = ['x', 'y', 'z'].map((h) => createLeases(s.db, { holder: h, ttlMs: 60_000 }));
      const got = await Promise.all(holders.map((l) => l.acquire(name)));
      expect(got.filter(Boolean)).toHaveLength(1);
    }
  });

  it('an exclusive scheduler job runs in one of two instances', async () => {
    const runs = { a: 0, b: 0 };
    const schedulers = (['a', 'b'] as const).map((h) => {
      const scheduler = createScheduler(
        () => undefined,
        createLeases(s.db, { holder: `sched-${h}`, ttlMs: 60_000 }),
      );
      scheduler.every('exclusive test', 10, () => void runs[h]++, { exclusive: true, immediately: true });
      return scheduler;
    });
    for (const sc of schedulers) sc.start();
    await waitFor('ten runs', async () => runs.a + runs.b >= 10);
    await Promise.all(schedulers.map((sc) => sc.stop()));
    expect(Math.min(runs.a, runs.b)).toBe(0);
  });
});
