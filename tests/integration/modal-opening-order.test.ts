import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlView } from '../../src/sim/slack/index.ts';
import { ActionIds } from '../../src/views/ids.ts';
import { AIKO, act, KENJI, SORA, ticketWithThread, viewOf, views } from './drafting-helpers.ts';
import { startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

/**
 * Slack's trigger_id lives 3 s from the click, and every Web API call takes 100–600 ms against slack.com
 * (Zendesk's p99 is seconds). So every listener that opens a modal must make views.open (or views.push) the
 * FIRST call after its ack — a loading view — and fill it with views.update afterwards. Timings cannot
 * prove that without flaking; the order of calls can: the Slack simulator logs every Web API call as it
 * arrives and the Zendesk simulator every request, so for each modal-opening listener this checks that
 * nothing reached Slack or Zendesk between the interaction and views.open/push.
 *
 * users.info (the reader's language) is cached by yorisoi; a failed lookup is not. The simulator answers
 * every users.info with an error here, so a lookup made before views.open shows in the log every time.
 */
let s: TestSandbox;
let thread: Awaited<ReturnType<typeof ticketWithThread>>;
type Call = { method: string; ok: boolean; error?: string; at: number; args: Record<string, unknown> };
type ZendeskCall = { method: string; path: string; status: number; at: string };

beforeAll(async () => {
  s = await startTestSandbox({ drafting: { undoSeconds: 1 } });
  thread = await ticketWithThread(s, { subject: 'Opening order', email: 'taro@example.com' });
  // Some latency on both, so a call awaited before views.open arrives strictly earlier in the logs.
  expect((await s.api('POST', '/_sim/slack/latency', { min_ms: 20, max_ms: 60 })).status).toBe(200);
  expect((await s.api('POST', '/_sim/zendesk/latency', { p50_ms: 30, p99_ms: 60 })).status).toBe(200);
  const fault = await s.api('POST', '/_sim/slack/faults', {
    method: 'users.info',
    status: 'error',
    error: 'user_not_found',
    count: 100_000,
  });
  expect(fault.status).toBe(200);
}, 60_000);
afterAll(async () => {
  await s?.close();
});

const slackCalls = async () => (await s.api<{ calls: Call[] }>('GET', '/_sim/slack/calls')).body.calls;
const zendeskCalls = async () =>
  (await s.api<{ calls: ZendeskCall[] }>('GET', '/_sim/zendesk/calls')).body.calls;
const closeAll = async (user: string) => {
  for (const v of await views(s, user))
    await s.api('POST', `/_sim/slack/views/${v.id}/close`, { user, all: true });
};

/**
 * Runs one interaction and answers the calls it made, in arrival order: Slack's and Zendesk's. `shown`
 * waits until the modal is filled in (so every call of the listener is in the logs).
 */
async function callsOf(interact: () => Promise<unknown>, shown: () => Promise<unknown>) {
  await s.runtime.settle();
  const slackBefore = (await slackCalls()).length;
  const zendeskBefore = (await zendeskCalls()).length;
  await interact();
  await shown();
  await s.runtime.settle();
  const slack = (await slackCalls()).slice(slackBefore).sort((a, b) => a.at - b.at);
  const zendesk = (await zendeskCalls()).slice(zendeskBefore);
  return { slack, zendesk };
}

/** The first call after the interaction opened (or pushed) the loading view, and nothing came before it. */
function expectLoadingViewFirst(
  calls: { slack: Call[]; zendesk: ZendeskCall[] },
  method: 'views.open' | 'views.push' = 'views.open',
) {
  const first = calls.slack[0];
  expect(first?.method, `first Slack call: ${calls.slack.map((c) => c.method).join(', ')}`).toBe(method);
  if (!first) return;
  expect(first.ok, first.error).toBe(true);
  expect((first.args.view as { callback_id?: string }).callback_id).toBe('yorisoi_loading');
  const earlierZendesk = calls.zendesk.filter((z) => Date.parse(z.at) < first.at);
  expect(
    earlierZendesk.map((z) => `${z.method} ${z.path}`),
    'Zendesk calls before views.open',
  ).toEqual([]);
  // And the loading view was filled in.
  expect(calls.slack.some((c) => c.method === 'views.update' && c.ok)).toBe(true);
}

const topView = async (user: string, callbackId: string, accept: (v: ControlView) => boolean = () => true) =>
  waitFor(`${callbackId} on top for ${user}`, async () => {
    const top = (await views(s, user)).at(-1);
    return top && top.view.callback_id === callbackId && accept(top) ? top : undefined;
  });

/**
 * Opens the editor and waits until it has read the inquiry live from Zendesk (its last call, after the
 * editor shows), so that call is not counted against the next interaction.
 */
async function editorReadLive(user: string) {
  await closeAll(user);
  const before = (await zendeskCalls()).length;
  await s.api('POST', '/_sim/slack/actions', {
    user,
    channel: thread.channel,
    message_ts: thread.root.ts,
    action_id: ActionIds.draftReply,
  });
  const editor = await topView(user, 'draft_editor');
  await liveReadSince(before);
  return editor;
}

/** The editor's last call: the inquiry read live from Zendesk, answered (after `before` Zendesk calls). */
const liveReadSince = (before: number) =>
  waitFor('the live inquiry read', async () =>
    (await zendeskCalls())
      .slice(before)
      .some((c) => c.path.includes(`/tickets/${thread.ticket.id}/comments`) && c.status !== 0),
  );

describe('every modal-opening listener calls views.open (a loading view) before anything else', () => {
  it('"Draft reply" on the ticket root', async () => {
    await closeAll(AIKO);
    const zendeskBefore = (await zendeskCalls()).length;
    const calls = await callsOf(
      () =>
        s.api('POST', '/_sim/slack/actions', {
          user: AIKO,
          channel: thread.channel,
          message_ts: thread.root.ts,
          action_id: ActionIds.draftReply,
        }),
      async () => {
        await topView(AIKO, 'draft_editor');
        await liveReadSince(zendeskBefore);
      },
    );
    expectLoadingViewFirst(calls);
  });

  it('the "Draft reply" message shortcut in the thread', async () => {
    await closeAll(KENJI);
    const zendeskBefore = (await zendeskCalls()).length;
    const calls = await callsOf(
      () =>
        s.api('POST', '/_sim/slack/shortcuts', {
          user: KENJI,
          channel: thread.channel,
          message_ts: thread.root.ts,
          callback_id: 'draft_reply_shortcut',
        }),
      async () => {
        await topView(KENJI, 'draft_editor');
        await liveReadSince(zendeskBefore);
      },
    );
    expectLoadingViewFirst(calls);
  });

  it('"Send…" in the editor pushes the preview', async () => {
    const editor = await editorReadLive(AIKO);
    const calls = await callsOf(
      () => act(s, AIKO, editor, ActionIds.draftSend, { typed: { reply_0: 'A reply to preview.' } }),
      // The preview, or the reason it cannot show: the agent lookup reads users.info, which fails here.
      () =>
        waitFor('the preview filled in', async () =>
          ['draft_send_preview', 'yorisoi_problem'].includes(
            String((await views(s, AIKO)).at(-1)?.view.callback_id ?? ''),
          ),
        ),
    );
    expectLoadingViewFirst(calls, 'views.push');
  });

  it('"Snooze" in the editor pushes the snooze modal', async () => {
    const editor = await editorReadLive(AIKO);
    const calls = await callsOf(
      () => act(s, AIKO, editor, ActionIds.draftSnooze),
      () => topView(AIKO, 'draft_snooze_modal'),
    );
    expectLoadingViewFirst(calls, 'views.push');
  });

  it('"Find template" on the ticket root', async () => {
    await closeAll(SORA);
    const calls = await callsOf(
      () =>
        s.api('POST', '/_sim/slack/actions', {
          user: SORA,
          channel: thread.channel,
          message_ts: thread.root.ts,
          action_id: ActionIds.findTemplate,
          value: String(thread.ticket.id),
        }),
      () => topView(SORA, 'template_search'),
    );
    expectLoadingViewFirst(calls);
  });

  it('the "Find template" message shortcut and the "Browse templates" global shortcut', async () => {
    await closeAll(SORA);
    const found = await callsOf(
      () =>
        s.api('POST', '/_sim/slack/shortcuts', {
          user: SORA,
          channel: thread.channel,
          message_ts: thread.root.ts,
          callback_id: 'template_find',
        }),
      () => topView(SORA, 'template_search'),
    );
    expectLoadingViewFirst(found);
    await closeAll(SORA);
    const browsed = await callsOf(
      () => s.api('POST', '/_sim/slack/shortcuts', { user: SORA, callback_id: 'templates_browse' }),
      () => topView(SORA, 'template_browser'),
    );
    expectLoadingViewFirst(browsed);
  });

  it('"Care chart & history" on the ticket root, and its edit button inside', async () => {
    await closeAll('U0LEAD');
    const opened = await callsOf(
      () =>
        s.api('POST', '/_sim/slack/actions', {
          user: 'U0LEAD',
          channel: thread.channel,
          message_ts: thread.root.ts,
          action_id: ActionIds.careChart,
          value: String(thread.ticket.id),
        }),
      () =>
        topView('U0LEAD', 'care_history', (v) => JSON.stringify(v.view.blocks).includes(ActionIds.careEdit)),
    );
    expectLoadingViewFirst(opened);
    const history = await viewOf(s, 'U0LEAD', 'care_history');
    const edit = await callsOf(
      () =>
        s.api('POST', '/_sim/slack/actions', {
          user: 'U0LEAD',
          view_id: history.id,
          action_id: ActionIds.careEdit,
        }),
      () => topView('U0LEAD', 'care_chart_edit'),
    );
    expectLoadingViewFirst(edit, 'views.push');
  });

  it('/karte', async () => {
    await closeAll('U0LEAD');
    const calls = await callsOf(
      () =>
        s.api('POST', '/_sim/slack/commands', {
          user: 'U0LEAD',
          channel: 'C0SUPPORT',
          command: '/karte',
          text: 'taro@example.com',
        }),
      () =>
        topView('U0LEAD', 'care_history', (v) => JSON.stringify(v.view.blocks).includes(ActionIds.careEdit)),
    );
    expectLoadingViewFirst(calls);
  });
});
