import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIKO, act, openEditorFromRoot, ticketWithThread, viewOf, views } from './drafting-helpers.ts';
import { startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

/**
 * Modals with Slack's real latency: every Web API call takes 100–600 ms, as against slack.com. A
 * trigger_id expires 3 s after the click, so a modal that opens late fails with expired_trigger_id.
 */
let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox({ drafting: { undoSeconds: 1 } });
  const r = await s.api('POST', '/_sim/slack/latency', { min_ms: 100, max_ms: 600 });
  expect(r.status).toBe(200);
});
afterAll(async () => {
  await s?.close();
});

const viewCalls = async () =>
  (
    await s.api<{ calls: Array<{ method: string; ok: boolean; error?: string }> }>('GET', '/_sim/slack/calls')
  ).body.calls.filter((c) => c.method.startsWith('views.'));

describe('modals with Slack latency on', () => {
  it('the draft editor, the send preview and /karte all open in time', async () => {
    const thread = await ticketWithThread(s, { subject: 'Latency check' });
    const editor = await openEditorFromRoot(s, AIKO, thread);
    await act(s, AIKO, editor, 'draft_send', { typed: { reply_0: 'Answer written with latency on.' } });
    await viewOf(s, AIKO, 'draft_send_preview');

    const karte = await s.api<{ acked: boolean }>('POST', '/_sim/slack/commands', {
      user: 'U0LEAD',
      channel: 'C0SUPPORT',
      command: '/karte',
      text: 'taro@example.com',
    });
    expect(karte.body.acked).toBe(true);
    await waitFor('care modal', async () => (await views(s, 'U0LEAD')).length > 0);

    const calls = await viewCalls();
    expect(calls.filter((c) => c.method === 'views.open').length).toBeGreaterThanOrEqual(2);
    expect(calls.filter((c) => !c.ok)).toEqual([]);
  }, 60_000);
});
