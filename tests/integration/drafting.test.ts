import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AIKO,
  act,
  blocksOf,
  initialValue,
  KENJI,
  nextVersionOf,
  openEditorFromRoot,
  openPolicy,
  ticketWithThread,
  viewOf,
  views,
  viewText,
} from './drafting-helpers.ts';
import { repliesTo, startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox({ drafting: { undoSeconds: 1 } });
});
afterAll(async () => {
  await s?.close();
});

describe('draft reply modal', () => {
  it('open → write → close → reopen (by someone else) restores the draft; each save is a version', async () => {
    const thread = await ticketWithThread(s);
    const editor = await openPolicy(s, AIKO, await openEditorFromRoot(s, AIKO, thread));
    expect(viewText(editor)).toContain('Uploading a photo fails');
    const typed = {
      policy_facts: 'Account active, Android 15, app 3.2.1',
      policy_outline: 'Apologise, ask to update the app',
      reply_0: 'Taro様\nご不便をおかけして申し訳ございません。',
    };
    // Typing in the reply updates the live count (dispatch action) and autosaves the working copy.
    await act(s, AIKO, editor, 'draft_typing', { typed, value: typed.reply_0 });
    const counted = await nextVersionOf(s, AIKO, editor);
    expect(viewText(counted)).toMatch(/\*2\* 行 · \*\d+\* 文字/); // Aiko reads Japanese (ja-JP)

    const closed = await s.api('POST', `/_sim/slack/views/${editor.id}/close`, {
      user: AIKO,
      values: { [`${'policy_situation'}__r0`]: 'Probably the old app version' },
    });
    expect(closed.status).toBe(200);
    await waitFor(
      'closed draft saved as v1',
      async () => (await s.db.draftVersion.count({ where: { reason: 'close' } })) >= 1,
    );

    const reopened = await openEditorFromRoot(s, KENJI, thread);
    expect(initialValue(reopened, 'reply_0')).toBe(typed.reply_0);
    expect(initialValue(reopened, 'policy_facts')).toBe(typed.policy_facts);
    expect(initialValue(reopened, 'policy_situation')).toBe('Probably the old app version');
    expect(viewText(reopened)).toContain('v1');
    expect((await views(s, KENJI)).length).toBe(1);
  });
});

describe('long drafts', () => {
  it('a reply longer than one input (3,000 characters) is written in parts and kept whole', async () => {
    const thread = await ticketWithThread(s, { subject: 'Long answer' });
    const editor = await openEditorFromRoot(s, AIKO, thread);
    const first = `${'あ'.repeat(2999)}\n`;
    await act(s, AIKO, editor, 'draft_add_part', { typed: { reply_0: first } });
    const twoParts = await nextVersionOf(s, AIKO, editor, (v) => viewText(v).includes('reply_1__r0'));
    const second = 'そして最後の段落です。';
    await act(s, AIKO, twoParts, 'draft_save', { typed: { reply_1: second } });
    await nextVersionOf(s, AIKO, twoParts, (v) => viewText(v).includes('v1 として保存しました'));
    const draft = await s.db.draft.findFirstOrThrow({
      where: { ticketZendeskId: String(thread.ticket.id) },
    });
    expect(Array.from(draft.body)).toHaveLength(3000 + Array.from(second).length);
    expect(draft.body).toBe(first + second);
    const reopened = await openEditorFromRoot(s, KENJI, thread);
    expect(initialValue(reopened, 'reply_0')).toBe(first);
    expect(initialValue(reopened, 'reply_1')).toBe(second);
    expect(viewText(reopened)).toContain('2 parts'); // Kenji reads English (en-US)
  });
});

describe('named drafts, templates, review in the thread', () => {
  it('one ticket holds two named drafts; switching keeps each one', async () => {
    const thread = await ticketWithThread(s, { subject: 'Two ways to answer' });
    const editor = await openEditorFromRoot(s, AIKO, thread);
    await act(s, AIKO, editor, 'draft_save', {
      typed: { draft_name: 'Short answer', reply_0: 'Please update the app.' },
    });
    const saved = await nextVersionOf(s, AIKO, editor, (v) => viewText(v).includes('v1 として保存しました'));
    await act(s, AIKO, saved, 'draft_new');
    const second = await nextVersionOf(s, AIKO, saved, (v) => viewText(v).includes('を作りました'));
    expect(initialValue(second, 'reply_0')).toBe('');
    await act(s, AIKO, second, 'draft_save', {
      typed: {
        draft_name: 'Long answer',
        reply_0: 'Thank you for writing. Here is everything about uploads.',
      },
    });
    await nextVersionOf(s, AIKO, second, (v) => viewText(v).includes('v1 として保存しました'));

    const ticketId = String(thread.ticket.id);
    const drafts = await s.db.draft.findMany({
      where: { ticketZendeskId: ticketId },
      orderBy: { createdAt: 'asc' },
    });
    expect(drafts.map((d) => [d.name, d.body])).toEqual([
      ['Short answer', 'Please update the app.'],
      ['Long answer', 'Thank you for writing. Here is everything about uploads.'],
    ]);
    // Switching back shows the first one again.
    const current = (await views(s, AIKO)).find((v) => v.id === editor.id)!;
    await act(s, AIKO, current, 'draft_select', { value: drafts[0]!.id });
    const back = await nextVersionOf(
      s,
      AIKO,
      current,
      (v) => initialValue(v, 'draft_name') === 'Short answer',
    );
    expect(initialValue(back, 'reply_0')).toBe('Please update the app.');
  });

  it('template search and insert put the template into the reply', async () => {
    const thread = await ticketWithThread(s, { subject: 'Template please' });
    const editor = await openEditorFromRoot(s, AIKO, thread);
    await act(s, AIKO, editor, 'draft_template_search', {
      value: 'アップロード android',
      typed: { reply_0: 'Taro様\n' },
    });
    const results = await nextVersionOf(s, AIKO, editor, (v) =>
      viewText(v).includes('draft_template_insert'),
    );
    expect(viewText(results)).toContain('写真のアップロードエラー（Android）');
    await act(s, AIKO, results, 'draft_template_insert', { value: 'tpl-upload-android' });
    const inserted = await nextVersionOf(s, AIKO, results, (v) => viewText(v).includes('を挿入しました'));
    const reply = initialValue(inserted, 'reply_0');
    expect(reply.startsWith('Taro様\n')).toBe(true);
    expect(reply).toContain('アプリを最新版に更新のうえ');
    // The block ids changed, so Slack shows the new text instead of keeping what was typed.
    expect(inputIdOf(inserted)).not.toBe(inputIdOf(results));
    const draft = await s.db.draft.findFirstOrThrow({
      where: { ticketZendeskId: String(thread.ticket.id) },
    });
    expect(JSON.parse(draft.templateIdsJson)).toEqual(['tpl-upload-android']);
  });

  it('share for review posts the draft as NOT SENT; a colleague approves; the author sees who and which version', async () => {
    const thread = await ticketWithThread(s, { subject: 'Please review' });
    const editor = await openPolicy(s, AIKO, await openEditorFromRoot(s, AIKO, thread));
    await act(s, AIKO, editor, 'draft_share', {
      typed: { policy_outline: 'Apologise; explain the fix', reply_0: 'We fixed it in 3.2.2.' },
    });
    const shared = await waitFor('shared draft in the thread', async () =>
      repliesTo(await s.messages(thread.channel), thread.root.ts).find((m) => m.text.includes('未送信')),
    );
    expect(JSON.stringify(shared.blocks)).toContain('We fixed it in 3.2.2.');
    expect(JSON.stringify(shared.blocks)).toContain('Apologise; explain the fix');

    // The author cannot approve their own version.
    await s.api('POST', '/_sim/slack/actions', {
      user: AIKO,
      channel: thread.channel,
      message_ts: shared.ts,
      action_id: 'draft_approve',
    });
    await waitFor('self-approval refused', async () =>
      (
        await s.api<{ ephemerals: Array<{ user: string; text: string }> }>(
          'GET',
          `/_sim/slack/ephemerals?user=${AIKO}`,
        )
      ).body.ephemerals.find((e) => e.text.includes('承認は同僚にしてもらってください')),
    );
    await s.api('POST', '/_sim/slack/actions', {
      user: KENJI,
      channel: thread.channel,
      message_ts: shared.ts,
      action_id: 'draft_approve',
    });
    await waitFor('approval in the thread', async () =>
      repliesTo(await s.messages(thread.channel), thread.root.ts).find(
        (m) => m.text.includes(`<@${KENJI}> が`) && m.text.includes('v1 を承認しました'),
      ),
    );
    const again = await openEditorFromRoot(s, AIKO, thread);
    expect(viewText(again)).toContain(`承認: <@${KENJI}> (v1)`);
  });
});

function inputIdOf(v: Awaited<ReturnType<typeof viewOf>>) {
  return (v.view.blocks as Array<{ block_id?: string }>).find((b) => b.block_id?.startsWith('reply_0'))
    ?.block_id;
}

describe('entry points and agent mapping', () => {
  it('the message shortcut on any message of the thread opens the same draft', async () => {
    const thread = await ticketWithThread(s, { subject: 'Shortcut entry' });
    const editor = await openEditorFromRoot(s, AIKO, thread);
    await act(s, AIKO, editor, 'draft_save', { typed: { reply_0: 'Saved before the shortcut.' } });
    await nextVersionOf(s, AIKO, editor, (v) => viewText(v).includes('v1 として保存しました'));
    const reply = repliesTo(await s.messages(thread.channel), thread.root.ts)[0]!;
    const r = await s.api<{ acked: boolean }>('POST', '/_sim/slack/shortcuts', {
      user: KENJI,
      channel: thread.channel,
      message_ts: reply.ts,
      callback_id: 'draft_reply_shortcut',
    });
    expect(r.body.acked).toBe(true);
    // Kenji may still have an editor open from an earlier test: wait for this ticket's.
    const opened = await viewOf(s, KENJI, 'draft_editor', (v) => viewText(v).includes('Shortcut entry'));
    expect(initialValue(opened, 'reply_0')).toBe('Saved before the shortcut.');
  });

  it('/yorisoi map overrides the e-mail lookup; the mapped user may then send', async () => {
    const thread = await ticketWithThread(s, { subject: 'Manual mapping' });
    const r = await s.api<{ acked: boolean }>('POST', '/_sim/slack/commands', {
      user: 'U0LEAD',
      channel: thread.channel,
      command: '/yorisoi',
      // As typed; Slack sends `map <@U0PRODUCT|sora> <mailto:kenji@example.com|kenji@example.com>`.
      text: 'map @sora kenji@example.com',
    });
    expect(r.body.acked).toBe(true);
    await waitFor(
      'mapping stored',
      async () =>
        (await s.db.agentMapping.findUnique({ where: { slackUserId: 'U0PRODUCT' } }))?.source === 'manual',
    );
    const editor = await openEditorFromRoot(s, 'U0PRODUCT', thread);
    await act(s, 'U0PRODUCT', editor, 'draft_send', {
      typed: { reply_0: 'Sent by the product team as Kenji.' },
    });
    const preview = await viewOf(s, 'U0PRODUCT', 'draft_send_preview');
    expect(viewText(preview)).toContain('Kenji Tanaka');
  });
});

describe('the editor in the order people write', () => {
  it('shows the first and the latest customer message, then the reply (required), with the policy folded below', async () => {
    const thread = await ticketWithThread(s, {
      subject: 'Two messages',
      body: 'The original problem: uploads fail.',
    });
    await s.api('POST', `/_sim/zendesk/tickets/${thread.ticket.id}/customer-reply`, {
      body: 'Any news? Still failing today.',
    });
    await waitFor(
      'the follow-up synced',
      async () =>
        (await s.db.ticketComment.count({
          // this ticket's: a database kept from an earlier run (PostgreSQL) holds other tickets' follow-ups
          where: { body: { contains: 'Any news?' }, ticket: { zendeskId: String(thread.ticket.id) } },
        })) > 0,
    );
    const editor = await openEditorFromRoot(s, AIKO, thread);
    const blocks = blocksOf(editor) as Array<{ type: string; block_id?: string; optional?: boolean }>;
    const text = viewText(editor);
    expect(text).toContain('The original problem: uploads fail.');
    expect(text).toContain('Any news? Still failing today.');
    const reply = blocks.findIndex((b) => b.block_id?.startsWith('reply_0'));
    const policyToggle = text.indexOf('draft_policy_toggle');
    expect(reply).toBeGreaterThan(0);
    expect(blocks[reply]?.optional).toBe(false);
    expect(blocks.some((b) => b.block_id?.startsWith('policy_facts'))).toBe(false); // folded
    expect(JSON.stringify(blocks.slice(0, reply))).not.toContain('draft_name');
    expect(policyToggle).toBeGreaterThan(JSON.stringify(blocks.slice(0, reply + 1)).length);
    const opened = await openPolicy(s, AIKO, editor);
    expect(blocksOf(opened).some((b) => b.block_id?.startsWith('policy_facts'))).toBe(true);
  });

  it('after Insert the last template search stays visible with its results', async () => {
    const thread = await ticketWithThread(s, { subject: 'Keep my search' });
    const editor = await openEditorFromRoot(s, AIKO, thread);
    await act(s, AIKO, editor, 'draft_template_search', {
      value: 'アップロード android',
      typed: { reply_0: 'Taro様\n' },
    });
    const results = await nextVersionOf(s, AIKO, editor, (v) =>
      viewText(v).includes('draft_template_insert'),
    );
    await act(s, AIKO, results, 'draft_template_insert', { value: 'tpl-upload-android' });
    const inserted = await nextVersionOf(s, AIKO, results, (v) => viewText(v).includes('を挿入しました'));
    expect(initialValue(inserted, 'template_query')).toBe('アップロード android');
    expect(viewText(inserted)).toContain('draft_template_insert');
    expect(viewText(inserted)).not.toContain('該当なし');
    expect(viewText(inserted)).not.toContain('No template matches');
  });
});
