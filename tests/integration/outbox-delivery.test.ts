import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repliesTo, rootsOf, startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

let s: TestSandbox;
beforeAll(async () => {
  // Slack's real pace: about one message per second per channel, short bursts.
  s = await startTestSandbox({ slackRate: { perSecond: 5, burst: 2 } });
});
afterAll(async () => {
  await s?.close();
});

const postCalls = async () =>
  (
    await s.api<{ calls: Array<{ method: string; status: number; ok: boolean; error?: string }> }>(
      'GET',
      '/_sim/slack/calls?method=chat.postMessage',
    )
  ).body.calls;

describe('outbox delivery to Slack', () => {
  it('Slack answering 500 for a while delays messages but loses and doubles none', async () => {
    const before = (await postCalls()).length;
    await s.api('POST', '/_sim/slack/faults', { method: 'chat.postMessage', status: 500, count: 4 });
    const tickets: Array<{ id: number }> = [];
    for (let i = 0; i < 3; i++)
      tickets.push(await s.openTicket({ subject: `Outage ${i}`, body: `Body ${i}`, brand: 'billing' }));
    for (const t of tickets) {
      const root = await waitFor(`root ${t.id}`, async () => rootsOf(await s.messages('C0BILLING'), t.id)[0]);
      await waitFor(
        `first message ${t.id}`,
        async () => repliesTo(await s.messages('C0BILLING'), root.ts).length === 1,
      );
    }
    await s.runtime.settle();
    const all = await s.messages('C0BILLING');
    for (const t of tickets) expect(rootsOf(all, t.id)).toHaveLength(1);
    const calls = (await postCalls()).slice(before);
    expect(calls.filter((c) => c.status === 500)).toHaveLength(4);
    expect(calls.filter((c) => c.ok)).toHaveLength(6);
  });

  it('a burst past the channel limit gets 429 + Retry-After, waits, and delivers each message once', async () => {
    // Let yorisoi send faster than Slack allows, so Slack must push back.
    const before = (await postCalls()).length;
    await s.api('POST', '/_sim/slack/rate', { perSecond: 2, burst: 1 });
    const tickets: Array<{ id: number }> = [];
    for (let i = 0; i < 4; i++)
      tickets.push(
        await s.openTicket({ subject: `Storm ${i}`, body: `Storm body ${i}`, tags: ['onboarding'] }),
      );
    await waitFor(
      'all storm threads',
      async () => {
        const all = await s.messages('C0ONBOARD');
        return tickets.every((t) => {
          const root = rootsOf(all, t.id)[0];
          return root && repliesTo(all, root.ts).length === 1;
        });
      },
      60_000,
    );
    await s.runtime.settle();
    const all = await s.messages('C0ONBOARD');
    for (const t of tickets) expect(rootsOf(all, t.id)).toHaveLength(1);
    const calls = (await postCalls()).slice(before);
    expect(calls.some((c) => c.status === 429)).toBe(true);
    expect(calls.filter((c) => c.ok)).toHaveLength(8);
    await s.api('POST', '/_sim/slack/rate', { perSecond: 50, burst: 10 });
  });

  it('an item left "sending" by a crash after Slack accepted it is found in Slack, not posted again', async () => {
    const t = await s.openTicket({ subject: 'In doubt, posted', body: 'posted once', brand: 'photos' });
    await waitFor('thread', async () => rootsOf(await s.messages('C0PHOTOS'), t.id)[0]);
    await s.runtime.settle();
    const row = await s.db.outboxMessage.findFirstOrThrow({
      where: { idempotencyKey: `root:${t.id}` },
    });
    // What a process killed between Slack's answer and the commit leaves behind.
    await s.db.outboxMessage.update({
      where: { id: row.id },
      data: { status: 'sending', slackTs: null },
    });
    const calls = (await postCalls()).length;
    expect(await s.features.outbox.recoverInDoubt()).toBe(1);
    s.features.outbox.wake();
    await s.runtime.settle();
    const after = await s.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.status).toBe('sent');
    expect(after.slackTs).toBe(row.slackTs);
    expect((await postCalls()).length).toBe(calls);
  });

  it('an item left "sending" by a crash before Slack got it is sent exactly once after recovery', async () => {
    const t = await s.openTicket({ subject: 'In doubt, lost', body: 'never reached Slack', brand: 'photos' });
    const root = await waitFor('thread', async () => rootsOf(await s.messages('C0PHOTOS'), t.id)[0]);
    await s.runtime.settle();
    const reply = await s.db.outboxMessage.findFirstOrThrow({
      where: {
        kind: 'post_in_thread',
        channelId: 'C0PHOTOS',
        payloadJson: { contains: 'never reached Slack' },
      },
    });
    // Pretend the reply was claimed but the process died before calling Slack: delete it from Slack's side.
    await fetch(`${s.simUrl}/api/chat.delete`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.secrets.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0PHOTOS', ts: reply.slackTs }),
    });
    await s.db.outboxMessage.update({
      where: { id: reply.id },
      data: { status: 'sending', slackTs: null },
    });
    expect(await s.features.outbox.recoverInDoubt()).toBe(1);
    s.features.outbox.wake();
    await waitFor('resent reply', async () => repliesTo(await s.messages('C0PHOTOS'), root.ts).length === 1);
    await s.runtime.settle();
    expect(repliesTo(await s.messages('C0PHOTOS'), root.ts)).toHaveLength(1);
  });

  it('a message Slack refuses for good is marked failed with the reason, and later messages still flow', async () => {
    const t = await s.openTicket({ subject: 'Bad channel', body: 'x', brand: 'photos' });
    await waitFor('thread', async () => rootsOf(await s.messages('C0PHOTOS'), t.id)[0]);
    await s.db.outboxMessage.create({
      data: {
        idempotencyKey: 'test:bad-channel',
        kind: 'post',
        channelId: 'C0NOPE',
        payloadJson: JSON.stringify({
          kind: 'post',
          key: 'test:bad-channel',
          channelId: 'C0NOPE',
          message: { text: 'hello' },
        }),
      },
    });
    s.features.outbox.wake();
    await s.runtime.settle();
    const row = await s.db.outboxMessage.findUniqueOrThrow({
      where: { idempotencyKey: 'test:bad-channel' },
    });
    expect(row.status).toBe('failed');
    expect(row.lastError).toBe('channel_not_found');
  });
});
