import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIKO, KENJI, viewOf, viewText } from './drafting-helpers.ts';
import {
  repliesTo,
  rootsOf,
  type SimMessage,
  startTestSandbox,
  type TestSandbox,
  waitFor,
} from './helpers.ts';

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox();
});
afterAll(async () => {
  await s?.close();
});

type SimTicket = { id: number; requester_id: number; subject: string; external_id: string | null };
type SimComment = { id: number; body: string; public: boolean; author_id: number };

const ticketInSim = async (id: number | string) =>
  (await s.api<{ ticket: SimTicket; comments: SimComment[] }>('GET', `/_sim/zendesk/tickets/${id}`)).body;
const allTickets = async () =>
  (await s.api<{ tickets: SimTicket[] }>('GET', '/_sim/zendesk/tickets')).body.tickets;
const ephemeralsOf = async (user: string) =>
  (
    await s.api<{ ephemerals: Array<{ text: string; thread_ts?: string }> }>(
      'GET',
      `/_sim/slack/ephemerals?user=${user}`,
    )
  ).body.ephemerals;
const zendeskCalls = async () =>
  (await s.api<{ calls: Array<{ method: string; path: string }> }>('GET', '/_sim/zendesk/calls')).body.calls;
const shortcut = (user: string, m: SimMessage) =>
  s.api<{ acked: boolean }>('POST', '/_sim/slack/shortcuts', {
    user,
    channel: m.channel,
    message_ts: m.ts,
    callback_id: 'split_ticket_shortcut',
  });

/** A ticket whose customer wrote a second, new topic in the thread: the message to split. */
async function threadWithNewTopic(subject: string, newTopic: string) {
  const ticket = await s.openTicket({ subject, body: '注文の配送状況を教えてください' });
  await s.api('PATCH', `/_sim/zendesk/tickets/${ticket.id}`, {
    comment: '確認いたします。',
    status: 'pending',
  });
  await s.api('POST', `/_sim/zendesk/tickets/${ticket.id}/customer-reply`, { body: newTopic });
  await s.api('POST', '/_sim/zendesk/settled');
  await s.runtime.settle();
  const root = await waitFor('the root', async () => {
    for (const m of await s.messages()) if (rootsOf([m], ticket.id).length) return m;
    return undefined;
  });
  const customer = await waitFor('the new topic in the thread', async () =>
    repliesTo(await s.messages(root.channel), root.ts).find((m) => m.text.includes(newTopic)),
  );
  const agentReply = repliesTo(await s.messages(root.channel), root.ts).find((m) =>
    m.text.includes('確認いたします'),
  );
  return { ticket, root, customer, agentReply };
}

async function confirmSplit(user: string, m: SimMessage) {
  expect((await shortcut(user, m)).body.acked).toBe(true);
  const modal = await viewOf(s, user, 'split_ticket_confirm');
  const r = await s.api<{ acked: boolean }>('POST', `/_sim/slack/views/${modal.id}/submit`, { user });
  expect(r.body.acked).toBe(true);
  return modal;
}

describe('Split into a new ticket (message shortcut)', () => {
  it('makes a new Zendesk ticket for the requester with the message, links both ways, and gives it a thread', async () => {
    const newTopic = '別件ですが、領収書の宛名を変更できますか？';
    const { ticket, customer } = await threadWithNewTopic('配送について', newTopic);
    const before = (await allTickets()).length;
    const modal = await confirmSplit(AIKO, customer);
    expect(viewText(modal)).toContain('領収書の宛名');
    expect(modal.view.title).toMatchObject({ text: 'チケットを分ける' });

    const answer = await waitFor('the answer in the thread', async () =>
      (await ephemeralsOf(AIKO)).find((e) => e.text.includes('新しいチケット')),
    );
    const created = (await allTickets()).filter(
      (t) => t.id > ticket.id && t.external_id?.startsWith('yorisoi-split:'),
    );
    expect(created).toHaveLength(1);
    expect((await allTickets()).length).toBe(before + 1);
    const fresh = await ticketInSim(created[0]!.id);
    const source = await ticketInSim(ticket.id);
    expect(answer.text).toContain(`#${fresh.ticket.id}`);
    // Same requester; the message is the first comment, public and by the requester.
    expect(fresh.ticket.requester_id).toBe(source.ticket.requester_id);
    expect(fresh.comments[0]).toMatchObject({
      body: newTopic,
      public: true,
      author_id: source.ticket.requester_id,
    });
    // Linked both ways with internal notes naming the other ticket.
    const noteOnNew = fresh.comments.find((c) => !c.public);
    const noteOnSource = source.comments.find((c) => !c.public && c.body.includes(`#${fresh.ticket.id}`));
    expect(noteOnNew?.body).toContain(`#${ticket.id}`);
    expect(noteOnNew?.body).toContain(`/agent/tickets/${ticket.id}`);
    expect(noteOnSource?.body).toContain(`/agent/tickets/${fresh.ticket.id}`);
    // The new ticket has its own thread, with the customer's message in it.
    const newRoot = await waitFor(
      'the new ticket root',
      async () => rootsOf(await s.messages(), fresh.ticket.id)[0],
    );
    await waitFor('the message in the new thread', async () =>
      repliesTo(await s.messages(newRoot.channel), newRoot.ts).find((m) => m.text.includes('領収書の宛名')),
    );

    // A second click finds the split: no second ticket, the answer points at the first.
    const count = (await allTickets()).length;
    await confirmSplit(AIKO, customer);
    await waitFor('the "already split" answer', async () =>
      (await ephemeralsOf(AIKO)).find(
        (e) => e.text.includes('すでに') && e.text.includes(`#${fresh.ticket.id}`),
      ),
    );
    expect((await allTickets()).length).toBe(count);
  });

  it('a retry after a lost answer from Zendesk does not create a second ticket', async () => {
    const newTopic = 'それと、ポイントの有効期限も知りたいです。';
    const { customer } = await threadWithNewTopic('ポイントについて', newTopic);
    const before = (await allTickets()).length;
    const callsBefore = (await zendeskCalls()).length;
    // Zendesk creates the ticket, the answer never arrives (the connection drops after the write).
    await s.api('POST', '/_sim/zendesk/faults', {
      method: 'POST',
      path_prefix: '/api/v2/tickets',
      status: 'reset',
      after_write: true,
      count: 1,
    });
    await confirmSplit(KENJI, customer);
    await waitFor('the in-doubt answer', async () =>
      (await ephemeralsOf(KENJI)).find((e) => e.text.includes('did not answer')),
    );
    expect((await allTickets()).length).toBe(before + 1);
    // The agent tries again: yorisoi looks the ticket up by its key and only writes the notes.
    await confirmSplit(KENJI, customer);
    const done = await waitFor('the English answer', async () =>
      (await ephemeralsOf(KENJI)).find((e) => e.text.includes('Made the new ticket')),
    );
    expect((await allTickets()).length).toBe(before + 1);
    const created = (await allTickets()).at(-1)!;
    expect(done.text).toContain(`#${created.id}`);
    // The retry asked Zendesk for the key before anything else and did not post the ticket again.
    const calls = (await zendeskCalls()).slice(callsBefore);
    const key = created.external_id ?? '';
    expect(
      calls.filter((c) => c.method === 'GET' && c.path.includes(`external_id=${encodeURIComponent(key)}`)),
    ).toHaveLength(1);
    expect(
      calls.filter((c) => c.method === 'POST' && c.path.startsWith('/api/v2/tickets.json')),
    ).toHaveLength(1);
    const fresh = await ticketInSim(created.id);
    expect(fresh.comments.filter((c) => c.body === newTopic)).toHaveLength(1);
    expect(fresh.comments.filter((c) => !c.public)).toHaveLength(1);
  });

  it("answers bad uses in the reader's language, with no ticket made", async () => {
    const { root, agentReply } = await threadWithNewTopic('返品について', '返品したいです');
    const before = (await allTickets()).length;
    // The root (not a customer message), read by Kenji in English.
    await shortcut(KENJI, root);
    await waitFor('the English refusal', async () =>
      (await ephemeralsOf(KENJI)).find((e) => e.text.startsWith("Only the customer's messages can be split")),
    );
    // An agent's reply, read by Aiko in Japanese.
    await shortcut(AIKO, agentReply!);
    await waitFor('the Japanese refusal', async () =>
      (await ephemeralsOf(AIKO)).find((e) => e.text.startsWith('分けられるのはお客様のメッセージだけです')),
    );
    // A person's message in the thread.
    const said = await s.api<{ ts: string }>('POST', '/_sim/slack/user-messages', {
      user: AIKO,
      channel: root.channel,
      text: 'これは別件かも',
      thread_ts: root.ts,
    });
    const human = (await s.messages(root.channel)).find((m) => m.ts === said.body.ts)!;
    await shortcut(KENJI, human);
    await waitFor(
      'the refusal of a Slack message',
      async () =>
        (await ephemeralsOf(KENJI)).filter((e) => e.text.startsWith("Only the customer's messages")).length >=
        2,
    );
    // A message outside any ticket thread.
    const elsewhere = await s.api<{ ts: string }>('POST', '/_sim/slack/user-messages', {
      user: KENJI,
      channel: 'C0SUPPORT',
      text: 'hello',
    });
    await shortcut(KENJI, { ...human, channel: 'C0SUPPORT', ts: elsewhere.body.ts });
    await waitFor('the not-a-ticket-thread refusal', async () =>
      (await ephemeralsOf(KENJI)).find((e) => e.text.startsWith('This is not a yorisoi ticket thread')),
    );
    expect((await allTickets()).length).toBe(before);
    expect(
      await s.db.ticketSplit.count({
        where: { sourceTicketZendeskId: String(root.text.match(/^#(\d+)/)?.[1]) },
      }),
    ).toBe(0);
  });
});
