import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootsOf, startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

/**
 * Every click is acknowledged (Slack shows a warning otherwise) and answered in words a person
 * understands: link buttons, unknown or retired buttons, and buttons whose ticket or draft is gone.
 */
let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox();
});
afterAll(async () => {
  await s?.close();
});

type ClickResult = { acked: boolean; user_error?: string };
const click = async (input: Record<string, unknown>) =>
  (await s.api<ClickResult>('POST', '/_sim/slack/actions', { wait_ms: 0, ...input })).body;

/** A message from yorisoi with one button, as an old or forged message would carry it. */
async function buttonMessage(channel: string, actionId: string, value: string) {
  const r = await fetch(`${s.simUrl}/api/chat.postMessage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.secrets.botToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      channel,
      text: 'old message',
      blocks: [
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: actionId, text: { type: 'plain_text', text: 'Go' }, value },
          ],
        },
      ],
    }),
  });
  return ((await r.json()) as { ts: string }).ts;
}

const ephemeralFor = (user: string, channel: string, includes: string) =>
  waitFor(`ephemeral "${includes}"`, async () =>
    (
      await s.api<{ ephemerals: Array<{ channel: string; text: string }> }>(
        'GET',
        `/_sim/slack/ephemerals?user=${user}`,
      )
    ).body.ephemerals.find((e) => e.channel === channel && e.text.includes(includes)),
  );

describe('clicks', () => {
  it('"Open in Zendesk" (a link button) is acknowledged', async () => {
    const t = await s.openTicket({ subject: 'Link button', body: 'x', brand: 'photos' });
    const root = await waitFor('root', async () => rootsOf(await s.messages('C0PHOTOS'), t.id)[0]);
    const r = await click({
      user: 'U0AGENT1',
      channel: 'C0PHOTOS',
      message_ts: root.ts,
      action_id: 'ticket_open_in_zendesk',
    });
    expect(r.user_error).toBeUndefined();
    expect(r.acked).toBe(true);
  });

  it('an unknown action_id is acknowledged and the user is told the button no longer works', async () => {
    const ts = await buttonMessage('C0SUPPORT', 'retired_button_v0', 'x');
    const r = await click({
      user: 'U0AGENT2',
      channel: 'C0SUPPORT',
      message_ts: ts,
      action_id: 'retired_button_v0',
    });
    expect(r.acked).toBe(true);
    const e = await ephemeralFor('U0AGENT2', 'C0SUPPORT', 'このボタンは使えなくなりました');
    expect(e.text).toContain('This button no longer works');
  });

  it('"Approve" on a draft that is gone answers a clear ephemeral, Japanese first', async () => {
    const ts = await buttonMessage('C0BILLING', 'draft_approve', JSON.stringify({ d: 'gone-draft', v: 1 }));
    const r = await click({
      user: 'U0LEAD',
      channel: 'C0BILLING',
      message_ts: ts,
      action_id: 'draft_approve',
    });
    expect(r.acked).toBe(true);
    const e = await ephemeralFor('U0LEAD', 'C0BILLING', 'この下書きはもうありません');
    expect(e.text.indexOf('この下書き')).toBeLessThan(e.text.indexOf('This draft no longer exists'));
  });

  it('"Open draft" on a message whose ticket is gone answers a clear ephemeral', async () => {
    const ts = await buttonMessage('C0ONBOARD', 'draft_open_from_share', JSON.stringify({ d: 'gone-draft' }));
    const r = await click({
      user: 'U0AGENT1',
      channel: 'C0ONBOARD',
      message_ts: ts,
      action_id: 'draft_open_from_share',
    });
    expect(r.acked).toBe(true);
    const e = await ephemeralFor('U0AGENT1', 'C0ONBOARD', 'チケットは yorisoi にもうありません');
    expect(e.text).toContain('yorisoi no longer has the ticket');
  });

  it('"Request follow-up" on a voice whose ticket is gone answers a clear ephemeral and opens no modal', async () => {
    const ts = await buttonMessage('C0VOICE', 'voice_request_follow_up', JSON.stringify({ t: '987654' }));
    const r = await click({
      user: 'U0PRODUCT',
      channel: 'C0VOICE',
      message_ts: ts,
      action_id: 'voice_request_follow_up',
    });
    expect(r.acked).toBe(true);
    await ephemeralFor('U0PRODUCT', 'C0VOICE', 'yorisoi no longer has the ticket');
    const views = await s.api<{ views: unknown[] }>('GET', '/_sim/slack/views?user=U0PRODUCT');
    expect(views.body.views).toHaveLength(0);
  });

  it('a button with a damaged value is acknowledged and answered', async () => {
    const ts = await buttonMessage('C0SUPPORT', 'draft_approve', 'not json');
    const r = await click({
      user: 'U0AGENT1',
      channel: 'C0SUPPORT',
      message_ts: ts,
      action_id: 'draft_approve',
    });
    expect(r.acked).toBe(true);
    await ephemeralFor('U0AGENT1', 'C0SUPPORT', 'This button no longer works');
  });
});
