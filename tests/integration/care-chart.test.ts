import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_PAGE_SIZE } from '../../src/views/care-chart.ts';
import { ActionIds, CareBlockIds } from '../../src/views/ids.ts';
import {
  repliesTo,
  rootsOf,
  type SimMessage,
  startTestSandbox,
  type TestSandbox,
  waitFor,
} from './helpers.ts';

type ControlView = {
  id: string;
  user: string;
  position: number;
  view: { blocks: unknown[]; private_metadata?: string; callback_id?: string };
  errors: Record<string, string> | null;
};

/** Tickets without a brand get Zendesk's default brand, which routes to the Photos inbox. */
const TICKETS = 'C0PHOTOS';
let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox();
});
afterAll(async () => {
  await s?.close();
});

const views = async (user: string) =>
  (await s.api<{ views: ControlView[] }>('GET', `/_sim/slack/views?user=${user}`)).body.views;
const topView = async (user: string) => (await views(user)).sort((a, b) => b.position - a.position)[0];
const textOf = (v: unknown) => JSON.stringify(v);
/** Waits until the user's top modal is the given callback and its blocks mention `needle`. */
const modalShowing = (user: string, callbackId: string, needle: string) =>
  waitFor(`${callbackId} modal showing ${needle}`, async () => {
    const v = await topView(user);
    return v && v.view.callback_id === callbackId && textOf(v.view.blocks).includes(needle) ? v : null;
  });
const closeAll = async (user: string) => {
  for (const v of await views(user))
    await s.api('POST', `/_sim/slack/views/${v.id}/close`, { user, all: true });
};
const karte = (user: string, text: string, channel = 'C0SUPPORT') =>
  s.api('POST', '/_sim/slack/commands', { user, channel, command: '/karte', text });
const responsesTo = async (user: string) =>
  (
    await s.api<{ responses: Array<{ body: { text?: string } }> }>(
      'GET',
      `/_sim/slack/responses?user=${user}`,
    )
  ).body.responses.map((r) => r.body.text ?? '');
const action = (user: string, input: Record<string, unknown>) =>
  s.api('POST', '/_sim/slack/actions', { user, ...input });
const submit = (viewId: string, user: string, values: Record<string, unknown>) =>
  s.api<{ applied: string }>('POST', `/_sim/slack/views/${viewId}/submit`, { user, values });
const rootIn = (channel: string, ticketId: number) =>
  waitFor(`root of #${ticketId}`, async () => rootsOf(await s.messages(channel), ticketId)[0]);
// The care chart's summary on a root: its blocks (flag first) and any attachments.
const attachmentText = (m: SimMessage) => textOf([m.blocks ?? [], m.attachments ?? []]);
/** The flag is the root's first block. */
const flagFirst = (m: SimMessage) => textOf(m.blocks?.[0] ?? null);

/** Writes a care chart through the real modals: /karte → "Add a care chart" → submit. */
async function writeChart(user: string, identifier: string, values: Record<string, unknown>) {
  await closeAll(user);
  await karte(user, identifier);
  const history = await modalShowing(user, 'care_history', ActionIds.careEdit);
  await action(user, { view_id: history.id, action_id: ActionIds.careEdit });
  const edit = await modalShowing(user, 'care_chart_edit', CareBlockIds.notes);
  const r = await submit(edit.id, user, values);
  expect(r.body.applied).not.toBe('errors');
  return history;
}

describe('care chart and prior history', () => {
  it("a returning customer's new ticket shows the chart summary, the flag and the prior count; the history lists Zendesk-only tickets", async () => {
    // Two tickets from before yorisoi: Zendesk never told us (webhooks lost, poller not run).
    await s.api('POST', '/_sim/zendesk/webhooks/drop', { count: 2 });
    const old1 = await s.openTicket({
      subject: 'Refund for March',
      body: 'I was charged twice.',
      requester: { email: 'yuki@example.com', name: 'Yuki' },
      created_at: '2025-03-01T09:00:00Z',
    });
    const old2 = await s.openTicket({
      subject: 'Cannot log in',
      body: 'Password reset mail never arrives.',
      requester: { email: 'yuki@example.com', name: 'Yuki' },
      created_at: '2025-06-01T09:00:00Z',
    });
    await s.api('POST', '/_sim/zendesk/settled');
    expect(
      await s.db.ticket.count({ where: { zendeskId: { in: [String(old1.id), String(old2.id)] } } }),
    ).toBe(0);

    await writeChart('U0AGENT1', 'yuki@example.com', {
      [CareBlockIds.flag]: ['handle_with_care'],
      [CareBlockIds.flagReason]: 'Charged twice last year; very upset',
      [CareBlockIds.facts]: 'plan: Premium\nlanguage: English',
      [CareBlockIds.notes]: 'Prefers e-mail over phone.',
    });

    const ticket = await s.openTicket({
      subject: 'Charged again?',
      body: 'I see another charge this month.',
      requester: { email: 'yuki@example.com', name: 'Yuki' },
    });
    const root = await rootIn(TICKETS, ticket.id);
    expect(attachmentText(root)).toContain('過去のチケット 2件');
    expect(root.text).toContain('要配慮');
    expect(flagFirst(root)).toContain('要配慮');
    expect(attachmentText(root)).toContain('Charged twice last year; very upset');
    expect(attachmentText(root)).toContain('plan: Premium');
    expect(attachmentText(root)).toContain(':warning:');

    // "Care chart & history" on the root: the earlier tickets, newest first, the Zendesk-only ones included.
    await closeAll('U0AGENT2');
    await action('U0AGENT2', { channel: TICKETS, message_ts: root.ts, action_id: ActionIds.careChart });
    const modal = await modalShowing('U0AGENT2', 'care_history', `#${old1.id}`);
    const shown = textOf(modal.view.blocks);
    expect(shown).toContain(`#${old2.id}`);
    expect(shown).toContain('Refund for March');
    expect(shown).toContain('only in Zendesk');
    expect(shown).toContain('Charged twice last year');
    const order = [ticket.id, old2.id, old1.id].map((id) => shown.indexOf(`|#${id}>`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("the same care chart modal reads in each Slack user's language: en-US English, ja-JP Japanese", async () => {
    const ticket = await s.openTicket({
      subject: '再度の請求について',
      body: '今月も請求されています。',
      requester: { email: 'aoi@example.com', name: '青井 葵' },
    });
    const root = await rootIn(TICKETS, ticket.id);
    await writeChart('U0AGENT1', 'aoi@example.com', {
      [CareBlockIds.flag]: ['handle_with_care'],
      [CareBlockIds.flagReason]: '返金対応で不満あり',
      [CareBlockIds.notes]: '電話よりメール希望',
    });
    const seen: Record<string, string> = {};
    for (const user of ['U0AGENT2', 'U0AGENT1']) {
      await closeAll(user);
      await action(user, { channel: TICKETS, message_ts: root.ts, action_id: ActionIds.careChart });
      const modal = await modalShowing(user, 'care_history', `#${ticket.id}`);
      seen[user] = JSON.stringify(modal.view);
    }
    // Kenji (en-US): English labels; the customer's own words stay as written.
    for (const en of [
      'Care chart & history',
      'Handle with care',
      'Edit care chart',
      'Tickets (1)',
      'newest first',
    ])
      expect(seen.U0AGENT2).toContain(en);
    expect(seen.U0AGENT2).toContain('返金対応で不満あり');
    expect(seen.U0AGENT2).not.toContain('カルテを編集');
    // Yuki (ja-JP): Japanese labels and statuses in the catalog's words.
    for (const ja of ['カルテと対応履歴', '要配慮', 'カルテを編集', 'チケット（1 件）', '新しい順', '新規'])
      expect(seen.U0AGENT1).toContain(ja);
    expect(seen.U0AGENT1).not.toContain('Edit care chart');
    // Times as Slack date tokens: each reader sees their own local time, never "UTC" in the text.
    expect(seen.U0AGENT1).toMatch(/<!date\^\d+\^/);
    expect(seen.U0AGENT1?.replace(/<!date\^[^>]*>/g, '')).not.toMatch(/\d{2}:\d{2} UTC/);
  });

  it('edits keep every version, and a chart change re-renders the open tickets of the customer', async () => {
    const ticket = await s.openTicket({
      subject: 'Export question',
      body: 'How do I export my album?',
      requester: { email: 'ren@example.com', name: 'Ren' },
    });
    const root = await rootIn(TICKETS, ticket.id);
    expect(attachmentText(root)).toContain('はじめてのお問い合わせ');
    expect(attachmentText(root)).not.toContain('カルテ v');

    const history = await writeChart('U0AGENT1', 'ren@example.com', {
      [CareBlockIds.notes]: 'Long-time user.',
      [CareBlockIds.facts]: 'plan: Free',
    });
    const afterFirst = await waitFor('root with the chart', async () =>
      (await s.messages(TICKETS)).find((m) => m.ts === root.ts && attachmentText(m).includes('plan: Free')),
    );
    expect(attachmentText(afterFirst)).toContain('カルテ v1');

    // The history modal underneath was refreshed after the save; edit again from it.
    const refreshed = await modalShowing('U0AGENT1', 'care_history', 'カルテを編集');
    expect(refreshed.id).toBe(history.id);
    await action('U0AGENT1', { view_id: refreshed.id, action_id: ActionIds.careEdit });
    const edit = await modalShowing('U0AGENT1', 'care_chart_edit', 'Long-time user.');
    await submit(edit.id, 'U0AGENT1', {
      [CareBlockIds.flag]: ['handle_with_care'],
      [CareBlockIds.flagReason]: 'Threatened to cancel',
      [CareBlockIds.notes]: 'Long-time user. Wants a call back.',
      [CareBlockIds.facts]: 'plan: Free\nlanguage: 日本語',
    });
    const flagged = await waitFor('root flagged', async () =>
      (await s.messages(TICKETS)).find(
        (m) => m.ts === root.ts && attachmentText(m).includes('Threatened to cancel'),
      ),
    );
    expect(flagFirst(flagged)).toContain('要配慮');

    // Both versions are kept, with who and what.
    const customer = await s.db.customer.findUniqueOrThrow({
      where: {
        zendeskUserId: String(
          (await s.api<{ ticket: { requester_id: number } }>('GET', `/_sim/zendesk/tickets/${ticket.id}`))
            .body.ticket.requester_id,
        ),
      },
    });
    const chart = await s.db.careChart.findUniqueOrThrow({
      where: { customerId: customer.id },
      include: { revisions: { orderBy: { version: 'asc' } } },
    });
    expect(chart.version).toBe(2);
    expect(chart.revisions.map((r) => [r.version, r.kind, r.authorSlackId])).toEqual([
      [1, 'edit', 'U0AGENT1'],
      [2, 'edit', 'U0AGENT1'],
    ]);
    expect(JSON.parse(chart.revisions[0]?.snapshotJson ?? '{}')).toMatchObject({
      notes: 'Long-time user.',
      flagged: false,
    });
    expect(chart.revisions[1]?.summary).toContain('flag set');

    // The edit history modal shows both.
    const top = await modalShowing('U0AGENT1', 'care_history', 'Threatened to cancel');
    await action('U0AGENT1', { view_id: top.id, action_id: ActionIds.careRevisions });
    const revisions = await modalShowing('U0AGENT1', 'care_chart_revisions_view', '*v2*');
    expect(textOf(revisions.view.blocks)).toContain('*v1*');

    // A modal opened at v2 cannot overwrite a newer save: it answers with an error on the form.
    await closeAll('U0AGENT2');
    await karte('U0AGENT2', 'ren@example.com');
    const other = await modalShowing('U0AGENT2', 'care_history', 'Edit care chart');
    await action('U0AGENT2', { view_id: other.id, action_id: ActionIds.careEdit });
    const stale = await modalShowing('U0AGENT2', 'care_chart_edit', 'Wants a call back');
    await s.features.care.saveEdit({
      customerId: customer.id,
      expectedVersion: 2,
      authorSlackId: 'U0LEAD',
      content: { notes: 'Lead wrote this.', flagged: true, flagReason: 'Threatened to cancel', facts: [] },
    });
    const conflict = await submit(stale.id, 'U0AGENT2', { [CareBlockIds.notes]: 'Overwrite attempt' });
    expect(conflict.body.applied).toBe('errors');
    expect((await topView('U0AGENT2'))?.errors?.[CareBlockIds.notes]).toContain('Someone else saved');
    // Malformed facts are refused on the facts input.
    const bad = await submit(stale.id, 'U0AGENT2', { [CareBlockIds.facts]: 'just words without a colon' });
    expect(bad.body.applied).toBe('errors');
    expect((await topView('U0AGENT2'))?.errors?.[CareBlockIds.facts]).toContain('line 1');
    expect((await s.db.careChart.findUniqueOrThrow({ where: { customerId: customer.id } })).notes).toBe(
      'Lead wrote this.',
    );
  });

  it('pages a long history instead of passing the 100-block modal limit', async () => {
    const count = 105;
    await s.api('POST', '/_sim/zendesk/webhooks/drop', { count });
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = await s.openTicket({
        subject: `Question ${i}`,
        body: `Question number ${i}`,
        requester: { email: 'many@example.com', name: 'Many Tickets' },
        created_at: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString(),
      });
      ids.push(t.id);
    }
    await s.api('POST', '/_sim/zendesk/settled');
    await closeAll('U0LEAD');
    await karte('U0LEAD', 'many@example.com');
    const seen: string[] = [];
    let view = await modalShowing('U0LEAD', 'care_history', '1 / 3 ページ');
    for (let page = 1; page <= 3; page++) {
      expect(view.view.blocks.length).toBeLessThanOrEqual(100);
      seen.push(...[...textOf(view.view.blocks).matchAll(/\|#(\d+)>/g)].map((m) => m[1] ?? ''));
      if (page < 3) {
        await action('U0LEAD', {
          view_id: view.id,
          action_id: ActionIds.careHistoryPage,
          value: String(page),
        });
        view = await modalShowing('U0LEAD', 'care_history', `${page + 1} / 3 ページ`);
      }
    }
    expect(seen).toHaveLength(count);
    expect(new Set(seen)).toEqual(new Set(ids.map(String)));
    expect(seen[0]).toBe(String(ids.at(-1))); // newest first
    expect(HISTORY_PAGE_SIZE * 2).toBeLessThan(count);
  });

  it("/karte with a malformed identifier answers ephemerally in the reader's words and opens nothing; an unknown one says so in the modal", async () => {
    await closeAll('U0PRODUCT');
    for (const text of ['', 'two words', 'not@an@email']) {
      const before = (await responsesTo('U0PRODUCT')).length;
      await karte('U0PRODUCT', text);
      const answer = await waitFor(
        `answer to /karte ${text}`,
        async () => (await responsesTo('U0PRODUCT'))[before],
      );
      // U0PRODUCT reads Japanese (Slack locale ja-JP).
      expect(answer).toContain('メールアドレス、Zendesk のユーザー ID');
    }
    expect(await views('U0PRODUCT')).toHaveLength(0);
    // Whether anyone has that address or id takes a Zendesk search: the modal opens at once and says so.
    for (const text of ['nobody@example.com', '987654321']) {
      await closeAll('U0PRODUCT');
      await karte('U0PRODUCT', text);
      const shown = await waitFor(`not found for ${text}`, async () =>
        (await views('U0PRODUCT')).find((v) =>
          JSON.stringify(v.view.blocks).includes('Zendesk にもいません'),
        ),
      );
      expect(JSON.stringify(shown.view.blocks)).not.toContain('/api/');
    }
  });

  it('finds a customer by Zendesk user id and by the service user id (external_id)', async () => {
    const t = await s.openTicket({
      subject: 'Hi',
      body: 'Hello',
      requester: { email: 'sid@example.com', name: 'Sid', external_id: 'svc-4242' },
    });
    await rootIn(TICKETS, t.id);
    const zendeskUserId = (
      await s.api<{ ticket: { requester_id: number } }>('GET', `/_sim/zendesk/tickets/${t.id}`)
    ).body.ticket.requester_id;
    await closeAll('U0PRODUCT');
    await karte('U0PRODUCT', 'svc-4242');
    await modalShowing('U0PRODUCT', 'care_history', 'svc-4242');
    await closeAll('U0PRODUCT');
    await karte('U0PRODUCT', String(zendeskUserId));
    await modalShowing('U0PRODUCT', 'care_history', `Zendesk ユーザー ${zendeskUserId}`);
    await closeAll('U0PRODUCT');
  });

  it('"Add to care chart" copies a thread message into the chart with a link back', async () => {
    const ticket = await s.openTicket({
      subject: 'Album shared by mistake',
      body: 'I shared the album with the wrong person, please help quickly.',
      requester: { email: 'mai@example.com', name: 'Mai' },
    });
    const root = await rootIn(TICKETS, ticket.id);
    const first = await waitFor('first message', async () =>
      repliesTo(await s.messages(TICKETS), root.ts).find((m) => m.text.includes('wrong person')),
    );
    await s.api('POST', '/_sim/slack/shortcuts', {
      user: 'U0AGENT2',
      channel: TICKETS,
      message_ts: first.ts,
      callback_id: 'add_to_care_chart',
    });
    const answer = await waitFor('ephemeral confirmation', async () =>
      (await responsesTo('U0AGENT2')).find((t) => t.includes("Mai*'s care chart")),
    );
    expect(answer).toContain('v1');
    const customer = await s.db.customer.findFirstOrThrow({ where: { email: 'mai@example.com' } });
    const chart = await s.db.careChart.findUniqueOrThrow({ where: { customerId: customer.id } });
    expect(chart.notes).toContain('wrong person');
    expect(chart.notes).toContain(`/archives/${TICKETS}/p${first.ts.replace('.', '')}`);
    expect(chart.notes).toContain('<@U0AGENT2>');
    await waitFor('root shows the clip', async () =>
      (await s.messages(TICKETS)).find((m) => m.ts === root.ts && attachmentText(m).includes('wrong person')),
    );

    // On a message that is not in a ticket thread, it says so.
    const posted = await s.api<{ ts: string }>('POST', '/_sim/slack/user-messages', {
      user: 'U0AGENT2',
      channel: TICKETS,
      text: 'lunch?',
    });
    await s.api('POST', '/_sim/slack/shortcuts', {
      user: 'U0AGENT2',
      channel: TICKETS,
      message_ts: posted.body.ts,
      callback_id: 'add_to_care_chart',
    });
    await waitFor('not-a-ticket answer', async () =>
      (await responsesTo('U0AGENT2')).find((t) => t.includes('not in a ticket thread')),
    );
  });

  it('a user merge in Zendesk carries the chart and history over to the surviving user', async () => {
    const a = await s.openTicket({
      subject: 'Old address ticket',
      body: 'Writing from my old address.',
      requester: { email: 'kaito.old@example.com', name: 'Kaito' },
    });
    await rootIn(TICKETS, a.id);
    await writeChart('U0AGENT1', 'kaito.old@example.com', {
      [CareBlockIds.flag]: ['handle_with_care'],
      [CareBlockIds.flagReason]: 'Hard of hearing: write, never call',
      [CareBlockIds.notes]: 'Old notes.',
    });
    const b = await s.openTicket({
      subject: 'New address ticket',
      body: 'Writing from my new address.',
      requester: { email: 'kaito@example.com', name: 'Kaito N.' },
    });
    const rootB = await rootIn(TICKETS, b.id);
    expect(attachmentText(rootB)).not.toContain('カルテ v');

    // Zendesk merges the old user into the new one; the next ticket from either address is the same person.
    await s.api('POST', '/_sim/zendesk/users/merge', {
      source_email: 'kaito.old@example.com',
      target_email: 'kaito@example.com',
    });
    const c = await s.openTicket({
      subject: 'Third ticket',
      body: 'Hello again.',
      requester: { email: 'kaito.old@example.com', name: 'Kaito' },
    });
    const rootC = await rootIn(TICKETS, c.id);
    expect(attachmentText(rootC)).toContain('Hard of hearing');
    expect(flagFirst(rootC)).toContain('要配慮');
    expect(attachmentText(rootC)).toContain('過去のチケット 2件');
    // The surviving user's earlier open ticket is re-rendered with the chart too.
    await waitFor('root B shows the merged chart', async () =>
      (await s.messages(TICKETS)).find(
        (m) => m.ts === rootB.ts && attachmentText(m).includes('Hard of hearing'),
      ),
    );

    // /karte by the old address finds the surviving customer, whose history holds all three tickets.
    await closeAll('U0AGENT1');
    await karte('U0AGENT1', 'kaito.old@example.com');
    const modal = await modalShowing('U0AGENT1', 'care_history', `#${c.id}`);
    for (const id of [a.id, b.id]) expect(textOf(modal.view.blocks)).toContain(`|#${id}>`);
    expect(textOf(modal.view.blocks)).toContain('kaito@example.com');
    const revisions = await s.db.careChartRevision.findMany({ where: { kind: 'merge' } });
    expect(revisions.map((r) => r.summary).join()).toContain('kaito.old@example.com');
  });

  it('a merge noticed by the poller (no new ticket) also moves the chart, and the open root shows it', async () => {
    const a = await s.openTicket({
      subject: 'From the old account',
      body: 'Old account here.',
      requester: { email: 'nao.old@example.com', name: 'Nao' },
    });
    await rootIn(TICKETS, a.id);
    await writeChart('U0AGENT2', 'nao.old@example.com', {
      [CareBlockIds.facts]: 'plan: Business',
      [CareBlockIds.notes]: 'Admin of a 40-seat team.',
    });
    const b = await s.openTicket({
      subject: 'From the new account',
      body: 'New account here.',
      requester: { email: 'nao@example.com', name: 'Nao' },
    });
    const rootB = await rootIn(TICKETS, b.id);
    expect(attachmentText(rootB)).not.toContain('カルテ v');

    // Zendesk timestamps have whole seconds: move past the second ticket A was last synced in, or the
    // poller takes the merge's update for the version it already has (see the report on syncIfChanged).
    await s.api('POST', '/_sim/zendesk/clock', { advance_seconds: 2 });
    await s.api('POST', '/_sim/zendesk/users/merge', {
      source_email: 'nao.old@example.com',
      target_email: 'nao@example.com',
    });
    // The merge changed ticket A's requester; no trigger fires for it, the incremental export carries it.
    await s.api('POST', '/_sim/zendesk/clock', { advance_seconds: 120 });
    const polled = await s.features.tickets.pollOnce();
    expect(polled).toBeGreaterThanOrEqual(1);
    await waitFor('root B shows the chart of the merged user', async () =>
      (await s.messages(TICKETS)).find(
        (m) => m.ts === rootB.ts && attachmentText(m).includes('plan: Business'),
      ),
    );
    const old = await s.db.customer.findFirstOrThrow({ where: { email: 'nao.old@example.com' } });
    const survivor = await s.db.customer.findFirstOrThrow({ where: { email: 'nao@example.com' } });
    expect(old.mergedIntoId).toBe(survivor.id);
    expect(await s.db.ticket.count({ where: { requesterId: survivor.id } })).toBe(2);
  });
});
