import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AIKO,
  act,
  openEditorFromRoot,
  submitPreview,
  ticketWithThread,
  viewOf,
  viewText,
  writeAndPreview,
  zendeskComments,
} from './drafting-helpers.ts';
import { repliesTo, startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

// A long undo window, so pressing Undo is never a race against the clock.
let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox({ drafting: { undoSeconds: 60 } });
});
afterAll(async () => {
  await s?.close();
});

describe('undo and snooze', () => {
  it('Undo within the window sends nothing and the draft is editable again', async () => {
    const thread = await ticketWithThread(s, { subject: 'Undo me' });
    const preview = await writeAndPreview(s, AIKO, thread, 'Oops, wrong customer.');
    await submitPreview(s, AIKO, preview);
    const queued = await viewOf(s, AIKO, 'draft_send_queued');
    const send = await s.db.replySend.findFirstOrThrow({
      where: { ticketZendeskId: String(thread.ticket.id) },
    });
    expect(send.status).toBe('scheduled');
    await s.api('POST', '/_sim/slack/actions', { user: AIKO, view_id: queued.id, action_id: 'send_undo' });
    await viewOf(s, AIKO, 'draft_send_queued', (v) => viewText(v).includes('取り消しました')); // Aiko reads Japanese
    // Even when its time comes, a cancelled send is never picked up.
    await s.db.replySend.update({ where: { id: send.id }, data: { dueAt: new Date(0) } });
    await s.features.drafting.sender.tick();
    await s.runtime.settle();
    expect((await s.db.replySend.findUniqueOrThrow({ where: { id: send.id } })).status).toBe('cancelled');
    expect((await zendeskComments(s, thread.ticket.id)).some((c) => c.body === 'Oops, wrong customer.')).toBe(
      false,
    );
    const draft = await s.db.draft.findFirstOrThrow({
      where: { ticketZendeskId: String(thread.ticket.id) },
    });
    expect(draft.status).toBe('open');
    expect(draft.body).toBe('Oops, wrong customer.');
  });

  it('snooze until the customer writes pings the thread once, also across a restart', async () => {
    const thread = await ticketWithThread(s, { subject: 'Waiting for the customer' });
    const editor = await openEditorFromRoot(s, AIKO, thread);
    await act(s, AIKO, editor, 'draft_snooze');
    const snooze = await viewOf(s, AIKO, 'draft_snooze_modal');
    const r = await s.api<{ applied: string }>('POST', `/_sim/slack/views/${snooze.id}/submit`, {
      user: AIKO,
      values: { snooze_customer: ['customer'] },
    });
    expect(r.body.applied).toBe('close');
    await s.restartApp();
    await s.api('POST', `/_sim/zendesk/tickets/${thread.ticket.id}/customer-reply`, {
      body: 'Here are the screenshots.',
    });
    const ping = await waitFor('snooze ping', async () =>
      repliesTo(await s.messages(thread.channel), thread.root.ts).find((m) =>
        m.text.includes('スヌーズが終わりました'),
      ),
    );
    expect(ping.text).toContain('お客様から返信がありました');
    await s.features.drafting.snoozes.tick();
    await s.runtime.settle();
    expect(
      repliesTo(await s.messages(thread.channel), thread.root.ts).filter((m) =>
        m.text.includes('スヌーズが終わりました'),
      ),
    ).toHaveLength(1);
  });
});
