import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repliesTo, rootsOf, startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

/**
 * Slack's membership model with chat:write.public: yorisoi may post to a public channel it never joined,
 * but may not read it back (conversations.history: not_in_channel; replies: channel_not_found). The
 * outbox's find-or-post must still post every message exactly once, and start-up must never fail on it.
 */
let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox();
});
afterAll(async () => {
  await s?.close();
});

const calls = async (method: string) =>
  (
    await s.api<{ calls: Array<{ method: string; status: number; ok: boolean; error?: string }> }>(
      'GET',
      `/_sim/slack/calls?method=${method}`,
    )
  ).body.calls;

describe('posting where yorisoi is not a member', () => {
  it('a root Slack stored before answering 500, in a public channel yorisoi never joined, is posted once and its thread follows', async () => {
    await s.api('POST', '/_sim/slack/channels/C0ONBOARD', { is_member: false });
    await s.api('POST', '/_sim/slack/faults', { method: 'chat.postMessage', status: 500, when: 'after' });
    const t = await s.openTicket({ subject: 'Stored then 500', body: 'first words', tags: ['onboarding'] });
    const root = await waitFor('root', async () => rootsOf(await s.messages('C0ONBOARD'), t.id)[0]);
    await waitFor(
      'first message',
      async () => repliesTo(await s.messages('C0ONBOARD'), root.ts).length === 1,
    );
    await s.runtime.settle();
    expect(rootsOf(await s.messages('C0ONBOARD'), t.id)).toHaveLength(1);
    const row = await s.db.outboxMessage.findFirstOrThrow({
      where: { idempotencyKey: `root:${t.id}` },
    });
    expect(row.status).toBe('sent');
    expect(row.slackTs).toBe(root.ts);
    // To look for the message it had to be able to read the channel: it joined (channels:join).
    expect((await calls('conversations.join')).some((c) => c.ok)).toBe(true);
  });

  it('a root left "sending" by a crash in a channel yorisoi cannot read: restart succeeds, the root is found, not reposted', async () => {
    await s.api('POST', '/_sim/slack/channels/C0BILLING', { is_member: false });
    const t = await s.openTicket({ subject: 'In doubt outside', body: 'outside body', brand: 'billing' });
    const root = await waitFor('root', async () => rootsOf(await s.messages('C0BILLING'), t.id)[0]);
    await waitFor(
      'first message',
      async () => repliesTo(await s.messages('C0BILLING'), root.ts).length === 1,
    );
    await s.runtime.settle();
    const row = await s.db.outboxMessage.findFirstOrThrow({
      where: { idempotencyKey: `root:${t.id}` },
    });
    // What a process killed between Slack's answer and the commit leaves behind.
    await s.db.outboxMessage.update({
      where: { id: row.id },
      data: { status: 'sending', slackTs: null },
    });
    const postsBefore = (await calls('chat.postMessage')).length;
    await s.restartApp();
    await waitFor('root settled', async () => {
      const r = await s.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
      return r.status === 'sent' && r.slackTs === root.ts;
    });
    await s.runtime.settle();
    expect(rootsOf(await s.messages('C0BILLING'), t.id)).toHaveLength(1);
    expect((await calls('chat.postMessage')).length).toBe(postsBefore);
  });

  it('start-up succeeds while Slack cannot answer the in-doubt look-up; the row is settled once Slack is back', async () => {
    const t = await s.openTicket({ subject: 'In doubt, Slack down', body: 'down body', brand: 'photos' });
    const root = await waitFor('root', async () => rootsOf(await s.messages('C0PHOTOS'), t.id)[0]);
    await s.runtime.settle();
    const row = await s.db.outboxMessage.findFirstOrThrow({
      where: { idempotencyKey: `root:${t.id}` },
    });
    await s.db.outboxMessage.update({
      where: { id: row.id },
      data: { status: 'sending', slackTs: null },
    });
    await s.api('POST', '/_sim/slack/faults', { method: 'conversations.history', status: 500, count: 3 });
    await s.restartApp();
    await waitFor(
      'root settled',
      async () => {
        const r = await s.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
        return r.status === 'sent' && r.slackTs === root.ts;
      },
      60_000,
    );
    expect(rootsOf(await s.messages('C0PHOTOS'), t.id)).toHaveLength(1);
  }, 90_000);
});
