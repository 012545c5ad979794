import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraftStore } from '../../src/storage/draft-store.ts';
import { createZendeskReplyGateway } from '../../src/zendesk/reply-gateway.ts';
import { createZendeskApi } from '../../src/zendesk/zendesk-client.ts';
import {
  AIKO,
  act,
  ephemeralFor,
  KENJI,
  openEditorFromRoot,
  publicCommentsBy,
  SORA,
  submitPreview,
  ticketWithThread,
  viewOf,
  viewText,
  writeAndPreview,
  zendeskComments,
  zendeskUserId,
} from './drafting-helpers.ts';
import { repliesTo, startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

let s: TestSandbox;
let aikoZendeskId: number;
beforeAll(async () => {
  s = await startTestSandbox({
    drafting: { undoSeconds: 1, sendRetry: { maxAttempts: 3, backoffMs: () => 100 } },
  });
  aikoZendeskId = await zendeskUserId(s, 'aiko@example.com');
});
afterAll(async () => {
  await s?.close();
});

const sentInThread = async (thread: Awaited<ReturnType<typeof ticketWithThread>>) =>
  waitFor('"sent by" in the thread', async () =>
    repliesTo(await s.messages(thread.channel), thread.root.ts).find((m) => m.text.startsWith('公開返信を')),
  );

describe('send to Zendesk', () => {
  it('preview names the ticket and recipient; Send posts one public comment by the mapped agent; thread and root update', async () => {
    const thread = await ticketWithThread(s, { subject: 'Happy path' });
    const preview = await writeAndPreview(s, AIKO, thread, 'Taro様\nアプリを最新版に更新してください。');
    expect(viewText(preview)).toContain(`#${thread.ticket.id} Happy path`);
    expect(viewText(preview)).toContain('taro@example.com');
    expect(viewText(preview)).toContain('Aiko Sato');
    const r = await submitPreview(s, AIKO, preview);
    expect(r.body.applied).toBe('update');
    expect(viewText(await viewOf(s, AIKO, 'draft_send_queued'))).toContain('send_undo');

    const sent = await sentInThread(thread);
    expect(sent.text).toContain('Aiko Sato');
    const mine = await publicCommentsBy(s, thread.ticket.id, aikoZendeskId);
    expect(mine.map((c) => c.body)).toEqual(['Taro様\nアプリを最新版に更新してください。']);
    const ticket = (
      await s.api<{ ticket: { status: string } }>('GET', `/_sim/zendesk/tickets/${thread.ticket.id}`)
    ).body.ticket;
    expect(ticket.status).toBe('pending');
    await waitFor('root shows pending', async () =>
      (await s.messages(thread.channel)).find((m) => m.ts === thread.root.ts && m.text.includes('保留中')),
    );
    await s.runtime.settle();
    // Our own reply is not mirrored a second time as "sent from Zendesk".
    const showing = repliesTo(await s.messages(thread.channel), thread.root.ts).filter((m) =>
      `${m.text}${JSON.stringify(m.blocks)}`.includes('アプリを最新版に更新'),
    );
    expect(showing).toHaveLength(1);
    expect(showing[0]!.text).toMatch(/^公開返信を Aiko Sato が送信しました/);
  });

  it('two agents pressing Send together, and a double submit, post exactly one comment', async () => {
    const thread = await ticketWithThread(s, { subject: 'Concurrent send' });
    const aikoPreview = await writeAndPreview(s, AIKO, thread, 'One reply only.');
    const kenjiEditor = await openEditorFromRoot(s, KENJI, thread);
    await act(s, KENJI, kenjiEditor, 'draft_send');
    const kenjiPreview = await viewOf(s, KENJI, 'draft_send_preview');
    const results = await Promise.all([
      submitPreview(s, AIKO, aikoPreview),
      submitPreview(s, KENJI, kenjiPreview),
      submitPreview(s, AIKO, aikoPreview),
    ]);
    // Every Send is acked at once (a loading view); exactly one becomes a send, the others say why not.
    expect(results.every((r) => r.body.acked)).toBe(true);
    await sentInThread(thread);
    expect(
      await s.db.replySend.count({
        where: { ticketZendeskId: String(thread.ticket.id), body: 'One reply only.' },
      }),
    ).toBe(1);
    await s.runtime.settle();
    const replies = (await zendeskComments(s, thread.ticket.id)).filter((c) => c.body === 'One reply only.');
    expect(replies).toHaveLength(1);
  });

  it('a request that timed out after Zendesk did the work is checked, not repeated', async () => {
    const thread = await ticketWithThread(s, { subject: 'Lost response' });
    await s.api('POST', '/_sim/zendesk/faults', {
      method: 'PUT',
      path_prefix: `/api/v2/tickets/${thread.ticket.id}`,
      status: 'lost_response',
      count: 1,
    });
    const preview = await writeAndPreview(s, AIKO, thread, 'Sent once despite the timeout.');
    await submitPreview(s, AIKO, preview);
    await sentInThread(thread);
    const send = await s.db.replySend.findFirstOrThrow({
      where: { ticketZendeskId: String(thread.ticket.id) },
    });
    expect(send.attempts).toBe(2);
    expect(send.status).toBe('sent');
    expect(
      (await zendeskComments(s, thread.ticket.id)).filter((c) => c.body === 'Sent once despite the timeout.'),
    ).toHaveLength(1);
  });

  it.each([
    ['landed', true],
    ['never reached Zendesk', false],
  ])(
    'a crash between "sending" and "sent" (%s) ends with exactly one comment after restart',
    async (_name, landed) => {
      const thread = await ticketWithThread(s, { subject: `Crash ${landed ? 'after' : 'before'} the call` });
      const body = `Crash test reply (${landed ? 'landed' : 'not landed'}).`;
      await s.features.drafting.sender.stop();
      const preview = await writeAndPreview(s, AIKO, thread, body);
      await submitPreview(s, AIKO, preview);
      const send = await s.db.replySend.findFirstOrThrow({
        where: { ticketZendeskId: String(thread.ticket.id) },
      });
      // What the worker does up to the crash: claim (→ sending), then maybe the Zendesk call; never "sent".
      expect(await createDraftStore(s.db).claimSend(send.id)).toBe(true);
      if (landed) {
        await createZendeskReplyGateway(createZendeskApi(s.zendeskApi)).postReply({
          ticketZendeskId: send.ticketZendeskId,
          body: send.body,
          public: send.public,
          authorZendeskId: send.authorZendeskId,
          newStatus: send.newStatus,
          key: send.id,
        });
      }
      expect((await s.db.replySend.findUniqueOrThrow({ where: { id: send.id } })).status).toBe('sending');
      await s.restartApp();
      await sentInThread(thread);
      await s.runtime.settle();
      expect((await zendeskComments(s, thread.ticket.id)).filter((c) => c.body === body)).toHaveLength(1);
      expect((await s.db.replySend.findUniqueOrThrow({ where: { id: send.id } })).status).toBe('sent');
    },
  );

  it('a scheduled send survives a restart and fires once', async () => {
    const thread = await ticketWithThread(s, { subject: 'Scheduled' });
    const preview = await writeAndPreview(s, AIKO, thread, 'Good morning, scheduled reply.');
    const at = Math.ceil(Date.now() / 1000) + 3;
    const r = await submitPreview(s, AIKO, preview, { send_at: at });
    expect(r.body.applied).toBe('update');
    expect(viewText(await viewOf(s, AIKO, 'draft_send_queued'))).toContain('送信予定'); // Aiko reads Japanese
    await s.restartApp();
    expect(
      (await zendeskComments(s, thread.ticket.id)).filter((c) => c.body === 'Good morning, scheduled reply.'),
    ).toHaveLength(0);
    await sentInThread(thread);
    const send = await s.db.replySend.findFirstOrThrow({
      where: { ticketZendeskId: String(thread.ticket.id) },
    });
    expect(send.sentAt!.getTime()).toBeGreaterThanOrEqual(at * 1000);
    await s.restartApp();
    await s.runtime.settle();
    expect(
      (await zendeskComments(s, thread.ticket.id)).filter((c) => c.body === 'Good morning, scheduled reply.'),
    ).toHaveLength(1);
  });

  it.each([
    [422, 1, 'Zendesk が受け付けませんでした'],
    [500, 10, 'Zendesk が何度試しても応答しませんでした'],
  ])(
    'Zendesk %i: the draft stays intact and the thread says why, once, in plain words',
    async (status, count, why) => {
      const thread = await ticketWithThread(s, { subject: `Zendesk says ${status}` });
      await s.api('POST', '/_sim/zendesk/faults', {
        method: 'PUT',
        path_prefix: `/api/v2/tickets/${thread.ticket.id}`,
        status,
        count,
      });
      const preview = await writeAndPreview(s, AIKO, thread, `Reply that meets a ${status}.`);
      await submitPreview(s, AIKO, preview);
      const failed = await waitFor('failure in the thread', async () =>
        repliesTo(await s.messages(thread.channel), thread.root.ts).find((m) =>
          m.text.startsWith('返信を送信できませんでした'),
        ),
      );
      // One case, one message: what happened and what to do (no "will retry" beside "send again"), with a
      // button to open the kept draft. The API path, status and Zendesk's JSON only in the log and the row.
      const said = `${failed.text} ${JSON.stringify(failed.blocks)}`;
      expect(said).toContain(why);
      expect(said).toContain('下書きは残っています');
      expect(said).not.toContain('自動で');
      expect(said).not.toMatch(/retry|\/tickets\/|HTTP \d|PUT |\\"error|invalid|RecordInvalid/i);
      expect(JSON.stringify(failed.blocks)).toContain('draft_open_from_share');
      const row = await s.db.replySend.findFirstOrThrow({
        where: { ticketZendeskId: String(thread.ticket.id) },
      });
      expect(row.lastError).toContain(String(status));
      // A 500 was first retried on its own: the thread said so once, without asking anything of anyone.
      const retrying = repliesTo(await s.messages(thread.channel), thread.root.ts).filter((m) =>
        m.text.includes('自動で送り直します'),
      );
      expect(retrying).toHaveLength(status === 500 ? 1 : 0);
      for (const m of retrying) {
        expect(`${m.text} ${JSON.stringify(m.blocks)}`).not.toMatch(/送信してください|draft_open_from_share/);
      }
      await s.api('DELETE', '/_sim/zendesk/faults');
      const draft = await s.db.draft.findFirstOrThrow({
        where: { ticketZendeskId: String(thread.ticket.id) },
      });
      expect(draft.status).toBe('failed');
      expect(draft.body).toBe(`Reply that meets a ${status}.`);
      expect(
        (await zendeskComments(s, thread.ticket.id)).filter((c) => c.body.startsWith('Reply that meets')),
      ).toHaveLength(0);
      // The message's button opens the kept draft; it can be sent again once Zendesk accepts it.
      const click = await s.api('POST', '/_sim/slack/actions', {
        user: AIKO,
        channel: thread.channel,
        message_ts: failed.ts,
        action_id: 'draft_open_from_share',
      });
      expect(click.status).toBe(200);
      const retry = await viewOf(s, AIKO, 'draft_editor', (v) =>
        viewText(v).includes(`Reply that meets a ${status}.`),
      );
      await act(s, AIKO, retry, 'draft_send');
      await submitPreview(s, AIKO, await viewOf(s, AIKO, 'draft_send_preview'));
      await sentInThread(thread);
      expect(
        (await zendeskComments(s, thread.ticket.id)).filter((c) => c.body.startsWith('Reply that meets')),
      ).toHaveLength(1);
    },
  );

  it('Zendesk answering 500 once: the thread says yorisoi retries on its own, then that the reply was sent', async () => {
    const thread = await ticketWithThread(s, { subject: 'Zendesk hiccup' });
    await s.api('POST', '/_sim/zendesk/faults', {
      method: 'PUT',
      path_prefix: `/api/v2/tickets/${thread.ticket.id}`,
      status: 500,
      count: 1,
    });
    await submitPreview(s, AIKO, await writeAndPreview(s, AIKO, thread, 'Sent after one retry.'));
    await sentInThread(thread);
    const replies = repliesTo(await s.messages(thread.channel), thread.root.ts);
    const retrying = replies.filter((m) => m.text.includes('自動で送り直します'));
    expect(retrying).toHaveLength(1);
    expect(JSON.stringify(retrying[0]!.blocks)).toContain('操作は不要です');
    expect(replies.some((m) => m.text.startsWith('返信を送信できませんでした'))).toBe(false);
    expect(
      (await zendeskComments(s, thread.ticket.id)).filter((c) => c.body === 'Sent after one retry.'),
    ).toHaveLength(1);
  });
});

describe('after sending, the shared draft says so', () => {
  const sharedDraft = async (thread: Awaited<ReturnType<typeof ticketWithThread>>, reply: string) => {
    const editor = await openEditorFromRoot(s, AIKO, thread);
    await act(s, AIKO, editor, 'draft_share', { typed: { reply_0: reply } });
    const shared = await waitFor('shared draft in the thread', async () =>
      repliesTo(await s.messages(thread.channel), thread.root.ts).find((m) =>
        JSON.stringify(m.blocks).includes('draft_approve'),
      ),
    );
    const draft = await s.db.draft.findFirstOrThrow({ where: { ticketZendeskId: String(thread.ticket.id) } });
    return { editor, shared, draft };
  };

  it('the shared draft becomes 送信済み (who, when) without Approve or Open; Approve on the sent draft changes nothing', async () => {
    const thread = await ticketWithThread(s, { subject: 'Shared, then sent' });
    const { editor, shared, draft } = await sharedDraft(thread, 'Shared first, sent after.');
    expect(shared.text).toContain('未送信');
    await act(s, AIKO, editor, 'draft_send');
    await submitPreview(s, AIKO, await viewOf(s, AIKO, 'draft_send_preview'));
    await sentInThread(thread);
    // The same message (read back from Slack), edited in place.
    const updated = await waitFor('the shared draft shows sent', async () =>
      (await s.messages(thread.channel)).find(
        (m) => m.ts === shared.ts && !JSON.stringify(m.blocks).includes('draft_approve'),
      ),
    );
    const shown = JSON.stringify(updated.blocks);
    expect(shown).toContain('送信済み');
    expect(shown).toContain(`<@${AIKO}>`);
    expect(shown).toMatch(/<!date\^\d+\^/);
    expect(shown).toContain('Shared first, sent after.');
    expect(shown).not.toContain('draft_open_from_share');
    expect(`${updated.text}${shown}`).not.toContain('未送信');
    // Slack no longer offers the button …
    const click = await s.api('POST', '/_sim/slack/actions', {
      user: KENJI,
      channel: thread.channel,
      message_ts: shared.ts,
      action_id: 'draft_approve',
    });
    expect(click.status).toBe(404);
    // … and an Approve that still arrives for the sent draft is answered, not recorded.
    const r = await s.features.drafting.service.approve({
      draftId: draft.id,
      version: 1,
      approverSlackId: KENJI,
    });
    expect(r.outcome).toBe('sent');
    expect(await s.db.draftApproval.count({ where: { draftId: draft.id } })).toBe(0);
    await s.runtime.settle();
    expect(
      (await zendeskComments(s, thread.ticket.id)).filter((c) => c.body === 'Shared first, sent after.'),
    ).toHaveLength(1);
  });

  it('the 送信済み edit is queued with the send and still lands after a restart', async () => {
    const thread = await ticketWithThread(s, { subject: 'Edit across a restart' });
    const { editor, shared, draft } = await sharedDraft(thread, 'Edited after the restart.');
    // Slack refuses the next chat.update calls: the edit is still pending when yorisoi restarts.
    await s.api('POST', '/_sim/slack/faults', { method: 'chat.update', status: 500, count: 3 });
    await act(s, AIKO, editor, 'draft_send');
    await submitPreview(s, AIKO, await viewOf(s, AIKO, 'draft_send_preview'));
    const row = await waitFor('the edit tried once and waiting', () =>
      s.db.outboxMessage.findFirst({
        where: {
          idempotencyKey: { startsWith: `draft-share-sent:${draft.id}:v1:` },
          status: 'pending',
          attempts: { gte: 1 },
        },
      }),
    );
    expect((await s.db.replySend.findFirstOrThrow({ where: { draftId: draft.id } })).status).toBe('sent');
    await s.restartApp();
    await waitFor('the shared draft shows sent', async () =>
      (await s.messages(thread.channel)).find(
        (m) => m.ts === shared.ts && JSON.stringify(m.blocks).includes('送信済み'),
      ),
    );
    expect(
      await s.db.outboxMessage.count({
        where: { idempotencyKey: { startsWith: `draft-share-sent:${draft.id}:` } },
      }),
    ).toBe(1);
    expect((await s.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('sent');
  });

  it('Approve clicked on the shared draft while its send waits answers in words and approves nothing', async () => {
    const thread = await ticketWithThread(s, { subject: 'Approve while sending' });
    const { editor, shared, draft } = await sharedDraft(thread, 'Scheduled for later.');
    await act(s, AIKO, editor, 'draft_send');
    await submitPreview(s, AIKO, await viewOf(s, AIKO, 'draft_send_preview'), {
      send_at: Math.ceil(Date.now() / 1000) + 3600,
    });
    const send = await waitFor('the scheduled send', () =>
      s.db.replySend.findFirst({ where: { draftId: draft.id, status: 'scheduled' } }),
    );
    const click = await s.api('POST', '/_sim/slack/actions', {
      user: KENJI,
      channel: thread.channel,
      message_ts: shared.ts,
      action_id: 'draft_approve',
    });
    expect(click.status).toBe(200);
    await ephemeralFor(s, KENJI, 'already sent'); // Kenji reads English
    expect(await s.db.draftApproval.count({ where: { draftId: draft.id } })).toBe(0);
    await s.features.drafting.service.undo(send.id);
  });
});

describe('safe by default', () => {
  it('a message typed in the thread never becomes a Zendesk comment', async () => {
    const thread = await ticketWithThread(s, { subject: 'Thread talk' });
    const before = await zendeskComments(s, thread.ticket.id);
    const r = await s.api<{ acked: boolean }>('POST', '/_sim/slack/user-messages', {
      user: KENJI,
      channel: thread.channel,
      thread_ts: thread.root.ts,
      text: 'I think we should offer a refund — tell the customer we will refund 500 yen.',
    });
    expect(r.body.acked).toBe(true);
    await s.runtime.settle();
    await s.api('POST', '/_sim/zendesk/settled');
    const after = await zendeskComments(s, thread.ticket.id);
    expect(after).toEqual(before);
    expect(after.some((c) => c.body.includes('refund 500 yen'))).toBe(false);
  });

  it('an unmapped Slack user gets a clear ephemeral refusal and nothing is sent', async () => {
    const thread = await ticketWithThread(s, { subject: 'Unmapped' });
    const editor = await openEditorFromRoot(s, SORA, thread);
    await act(s, SORA, editor, 'draft_send', { typed: { reply_0: 'Product team reply.' } });
    const refusal = await ephemeralFor(s, SORA, 'Zendesk のエージェントと結び付いていない'); // Sora reads Japanese
    expect(refusal.text).toContain('/yorisoi map');
    expect((await zendeskComments(s, thread.ticket.id)).some((c) => c.body === 'Product team reply.')).toBe(
      false,
    );
    // The preview opened at once as a loading view and now says why, in the reader's language (ja).
    const top = await viewOf(s, SORA, 'yorisoi_problem', (v) => viewText(v).includes('エージェント'));
    expect(viewText(top)).toContain('/yorisoi map');
    expect(viewText(top)).not.toContain('/api/');
  });

  it("a flagged customer's draft cannot be sent without a second agent's approval", async () => {
    const thread = await ticketWithThread(s, { subject: 'Careful customer', tags: ['care_second_approval'] });
    const editor = await openEditorFromRoot(s, AIKO, thread);
    expect(viewText(editor)).toContain('別の担当者の承認');
    await act(s, AIKO, editor, 'draft_send', { typed: { reply_0: 'Carefully worded reply.' } });
    await ephemeralFor(s, AIKO, '別の担当者の承認'); // Aiko reads Japanese
    const refused = await viewOf(s, AIKO, 'yorisoi_problem', (v) => viewText(v).includes('承認'));
    expect(
      (
        await s.api<{ views: Array<{ view: { callback_id: string } }> }>(
          'GET',
          `/_sim/slack/views?user=${AIKO}`,
        )
      ).body.views.map((v) => v.view.callback_id),
    ).toEqual(['draft_editor', 'yorisoi_problem']);
    // Closing the refusal returns to the draft.
    await s.api('POST', `/_sim/slack/views/${refused.id}/close`, { user: AIKO });

    await act(s, AIKO, editor, 'draft_share');
    const shared = await waitFor('shared draft', async () =>
      repliesTo(await s.messages(thread.channel), thread.root.ts).find((m) => m.text.includes('未送信')),
    );
    await s.api('POST', '/_sim/slack/actions', {
      user: KENJI,
      channel: thread.channel,
      message_ts: shared.ts,
      action_id: 'draft_approve',
    });
    await waitFor(
      'approval',
      async () => (await s.db.draftApproval.count({ where: { approverSlackId: KENJI } })) > 0,
    );
    const again = await openEditorFromRoot(s, AIKO, thread);
    await act(s, AIKO, again, 'draft_send');
    const r = await submitPreview(s, AIKO, await viewOf(s, AIKO, 'draft_send_preview'));
    expect(r.body.applied).toBe('update');
    await sentInThread(thread);
    expect(
      (await zendeskComments(s, thread.ticket.id)).filter((c) => c.body === 'Carefully worded reply.'),
    ).toHaveLength(1);
  });
});

describe('the discussion stays with the ticket', () => {
  it('copies the thread discussion to Zendesk as an internal note, once', async () => {
    const thread = await ticketWithThread(s, { subject: 'Keep the reasoning' });
    const editor = await openEditorFromRoot(s, AIKO, thread);
    await act(s, AIKO, editor, 'draft_share', { typed: { reply_0: 'Draft under discussion.' } });
    const shared = await waitFor('shared draft', async () =>
      repliesTo(await s.messages(thread.channel), thread.root.ts).find((m) => m.text.includes('未送信')),
    );
    await s.api('POST', '/_sim/slack/user-messages', {
      user: KENJI,
      channel: thread.channel,
      thread_ts: thread.root.ts,
      text: 'Her plan allows a refund; mention it.',
    });
    for (let i = 0; i < 2; i++) {
      await s.api('POST', '/_sim/slack/actions', {
        user: AIKO,
        channel: thread.channel,
        message_ts: shared.ts,
        action_id: 'thread_copy_discussion',
      });
      await waitFor('note copied', async () =>
        repliesTo(await s.messages(thread.channel), thread.root.ts).find((m) =>
          m.text.includes('社内メモとしてコピーしました'),
        ),
      );
    }
    await ephemeralFor(s, AIKO, 'すでに Zendesk にあります');
    await s.runtime.settle();
    const notes = (await zendeskComments(s, thread.ticket.id)).filter((c) =>
      c.body.includes('Her plan allows a refund'),
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]!.public).toBe(false);
    expect(notes[0]!.body).toContain('Kenji Tanaka: Her plan allows a refund; mention it.');
    expect(
      (await zendeskComments(s, thread.ticket.id)).filter((c) => c.body === 'Draft under discussion.'),
    ).toHaveLength(0);
  });
  it('the note speaks the workspace language (Japanese) with times in its time zone (Asia/Tokyo), whoever copies it', async () => {
    const thread = await ticketWithThread(s, { subject: 'Note for a Japanese team' });
    const said = async (user: string, text: string) =>
      (
        await s.api<{ ts: string }>('POST', '/_sim/slack/user-messages', {
          user,
          channel: thread.channel,
          thread_ts: thread.root.ts,
          text,
        })
      ).body.ts;
    const first = await said(AIKO, 'このプランなら返金できます。');
    const second = await said(KENJI, 'Agreed, mention the refund.');
    // Kenji reads English; the note is the team's record in Zendesk, so it follows the workspace (ja).
    await s.api('POST', '/_sim/slack/shortcuts', {
      user: KENJI,
      channel: thread.channel,
      message_ts: second,
      callback_id: 'copy_discussion_shortcut',
    });
    const note = await waitFor('the note in Zendesk', async () =>
      (await zendeskComments(s, thread.ticket.id)).find((c) =>
        c.body.includes('このプランなら返金できます。'),
      ),
    );
    // Japan has no daylight saving time: Tokyo is UTC+9 all year.
    const tokyo = (ts: string) =>
      new Date(Number(ts) * 1000 + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(note.public).toBe(false);
    expect(note.body).toBe(
      [
        'Slack スレッドでの相談（yorisoi がコピーした社内メモです。お客様には送信されていません）。時刻は Asia/Tokyo:',
        '',
        `[${tokyo(first)}] Aiko Sato: このプランなら返金できます。`,
        `[${tokyo(second)}] Kenji Tanaka: Agreed, mention the refund.`,
      ].join('\n'),
    );
  });
});

describe('care chart', () => {
  it("a customer flagged in the care chart needs a second agent's approval", async () => {
    const thread = await ticketWithThread(s, {
      subject: 'Flagged in the care chart',
      email: 'careful@example.com',
    });
    const ticket = await s.db.ticket.findUniqueOrThrow({
      where: { zendeskId: String(thread.ticket.id) },
      include: { requester: true },
    });
    await s.db.careChart.create({
      data: { customerId: ticket.requester.id, flagged: true, flagReason: 'complained twice' },
    });
    const editor = await openEditorFromRoot(s, AIKO, thread);
    expect(viewText(editor)).toContain('complained twice');
    await act(s, AIKO, editor, 'draft_send', { typed: { reply_0: 'Careful reply.' } });
    const refusal = await ephemeralFor(s, AIKO, '(care chart: complained twice)');
    expect(refusal.text).toContain('別の担当者の承認');
    expect((await zendeskComments(s, thread.ticket.id)).some((c) => c.body === 'Careful reply.')).toBe(false);
  });
});

describe('the send preview: the order people write, and the writing check', () => {
  it('Send… with an empty reply says so in the editor at once: no preview, nothing sent to Zendesk', async () => {
    const thread = await ticketWithThread(s, { subject: 'Empty reply' });
    const editor = await openEditorFromRoot(s, AIKO, thread);
    await act(s, AIKO, editor, 'draft_send', { typed: { reply_0: '   ' } });
    const refused = await waitFor('the editor says the reply is empty', async () =>
      (
        await s.api<{
          views: Array<{ id: string; hash: string; view: { callback_id: string; blocks: unknown[] } }>;
        }>('GET', `/_sim/slack/views?user=${AIKO}`)
      ).body.views.find((v) => v.id === editor.id && JSON.stringify(v.view.blocks).includes('返信が空です')),
    );
    expect(refused.view.callback_id).toBe('draft_editor');
    const views = (
      await s.api<{ views: Array<{ view: { callback_id: string } }> }>(
        'GET',
        `/_sim/slack/views?user=${AIKO}`,
      )
    ).body.views;
    expect(views.map((v) => v.view.callback_id)).not.toContain('draft_send_preview');
    expect(await s.db.replySend.count({ where: { ticketZendeskId: String(thread.ticket.id) } })).toBe(0);
  });

  it("lists the writing check's warnings (wrong name, ら抜き) and still lets the agent send", async () => {
    const thread = await ticketWithThread(s, { subject: 'Writing check advice' });
    const preview = await writeAndPreview(
      s,
      AIKO,
      thread,
      '佐藤様\n\nお問い合わせいただき、ありがとうございます。\n明日から過去の写真も見れるようになります。\n\nよろしくお願いいたします。',
    );
    const text = viewText(preview);
    expect(text).toContain('文章チェック');
    expect(text).toContain('佐藤様'); // the addressee warning quotes the wrong name
    expect(text).toContain('見られる'); // the ら抜き fix
    expect((preview.view as { submit?: unknown }).submit).toBeDefined();
    const r = await submitPreview(s, AIKO, preview);
    expect(r.body.applied).toBe('update');
  });

  it('a leftover placeholder (○○) blocks the send with a plain message; the domain refuses it too', async () => {
    const thread = await ticketWithThread(s, { subject: 'Placeholder left' });
    const preview = await writeAndPreview(
      s,
      AIKO,
      thread,
      'Taro様\n\n修正版は○○日に公開予定です。\n\nよろしくお願いいたします。',
    );
    expect(viewText(preview)).toContain('プレースホルダーが残っています');
    expect((preview.view as { submit?: unknown }).submit).toBeUndefined();
    const meta = JSON.parse((preview.view as { private_metadata: string }).private_metadata) as {
      d: string;
      v: number;
    };
    await expect(
      s.features.drafting.service.send({
        draftId: meta.d,
        version: meta.v,
        slackUserId: AIKO,
        public: true,
        newStatus: null,
        sendAt: null,
      }),
    ).rejects.toMatchObject({ code: 'reply_placeholder_left' });
  });
});

describe('a Zendesk outage is not "not mapped"', () => {
  it('a manually mapped agent whose Zendesk lookup fails is told to try again, in plain words', async () => {
    const thread = await ticketWithThread(s, { subject: 'Lookup outage' });
    await s.api('POST', '/_sim/slack/commands', {
      user: 'U0LEAD',
      channel: thread.channel,
      command: '/yorisoi',
      text: 'map @sora kenji@example.com',
    });
    await waitFor(
      'mapping stored',
      async () => (await s.db.agentMapping.findUnique({ where: { slackUserId: SORA } }))?.source === 'manual',
    );
    await s.api('POST', '/_sim/zendesk/faults', {
      method: 'GET',
      path_prefix: '/api/v2/users/',
      status: 503,
      count: 50,
    });
    try {
      const editor = await openEditorFromRoot(s, SORA, thread);
      await act(s, SORA, editor, 'draft_send', { typed: { reply_0: 'Sent during an outage?' } });
      const refused = await viewOf(s, SORA, 'yorisoi_problem');
      // SORA reads Japanese: "could not get the agent from Zendesk, try again", never "not mapped".
      expect(viewText(refused)).toContain('Zendesk からエージェント情報を取得できなかった');
      expect(viewText(refused)).not.toContain('結び付いていない');
      expect(viewText(refused)).not.toMatch(/\/api\/|\/users\/|HTTP \d|503/);
    } finally {
      await s.api('DELETE', '/_sim/zendesk/faults');
    }
  });
});
