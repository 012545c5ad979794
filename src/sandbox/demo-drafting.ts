import type { Translate } from '../i18n/index.ts';

/**
 * The drafting part of `yorisoi demo`: ticket thread → draft with a template → shared → approved → sent,
 * read back from the Zendesk simulator. Drives the simulators' control API exactly as a person would click.
 */
type SimMessage = {
  channel: string;
  ts: string;
  thread_ts?: string | null;
  user?: string;
  text: string;
  blocks?: unknown[];
};
type SimView = {
  id: string;
  hash: string;
  user: string;
  view: {
    callback_id: string;
    blocks: Array<{ type: string; block_id?: string; element?: { initial_value?: string } }>;
  };
};

export interface DraftingDemoContext {
  api<T>(method: string, route: string, body?: unknown): Promise<T>;
  messages(channel: string): Promise<SimMessage[]>;
  waitFor<T>(
    what: string,
    probe: () => Promise<T | undefined | null | false>,
    timeoutMs?: number,
  ): Promise<T>;
  show(m: SimMessage): string;
  out(line: string): void;
  checks: Array<[string, boolean]>;
  ticketId: number;
  channel: string;
  root: SimMessage;
  /** The step number to start from. */
  step: number;
  /** Resolves when yorisoi's queued Slack messages are out. */
  settle?: () => Promise<unknown>;
  /** The narration's language (the workspace's, YORISOI_LOCALE), also that of the channel posts. */
  t: Translate;
  /** `yorisoi demo --save DIR`: keeps a screen's JSON (a no-op without --save). */
  save?: (name: string, content: unknown) => void;
}

const AIKO = 'U0AGENT1';
const KENJI = 'U0AGENT2';

export async function runDraftingDemo(c: DraftingDemoContext): Promise<number> {
  let step = c.step;
  const t = c.t;
  const views = async (user: string) =>
    (await c.api<{ views: SimView[] }>('GET', `/_sim/slack/views?user=${user}`)).views;
  const view = (user: string, callbackId: string, accept: (v: SimView) => boolean = () => true) =>
    c.waitFor(`the ${callbackId} view`, async () =>
      (await views(user)).filter((v) => v.view.callback_id === callbackId && accept(v)).pop(),
    );
  const blockId = (v: SimView, base: string) =>
    v.view.blocks.find((b) => b.type === 'input' && b.block_id?.startsWith(base))?.block_id ?? base;
  const initial = (v: SimView, base: string) =>
    v.view.blocks.find((b) => b.block_id === blockId(v, base))?.element?.initial_value ?? '';
  const press = (user: string, v: SimView, actionId: string, extra: Record<string, unknown> = {}) =>
    c.api('POST', '/_sim/slack/actions', { user, view_id: v.id, action_id: actionId, ...extra });
  const thread = async () =>
    (await c.messages(c.channel)).filter((m) => m.thread_ts === c.root.ts && m.ts !== c.root.ts);

  await c.settle?.();
  await c.api('POST', '/_sim/slack/actions', {
    user: AIKO,
    channel: c.channel,
    message_ts: c.root.ts,
    action_id: 'ticket_draft_reply',
  });
  let editor = await view(AIKO, 'draft_editor');
  c.out(t('demo.draft.opened', { step: step++ }));
  c.checks.push([t('demo.check.draft_opened'), JSON.stringify(editor.view.blocks).includes('iPhone')]);

  // The response policy is folded away below the reply: open it, as she would.
  await press(AIKO, editor, 'draft_policy_toggle', { value: '1' });
  editor = await view(AIKO, 'draft_editor', (v) =>
    v.view.blocks.some((b) => b.type === 'input' && b.block_id?.startsWith('policy_facts')),
  );
  const policy = {
    [blockId(editor, 'policy_facts')]: 'Android 14, app 3.2.1 (admin tool); 2 albums shared with family',
    [blockId(editor, 'policy_situation')]:
      'Probably the upload bug fixed in 3.2.2; iPhone works, so not an account problem',
    [blockId(editor, 'policy_outline')]: 'Apologise → ask to update to 3.2.2 → close kindly',
  };
  await press(AIKO, editor, 'draft_template_search', {
    value: 'アップロード android',
    values: { ...policy, [blockId(editor, 'reply_0')]: '山田 花子 様\n' },
  });
  const withResults = await view(AIKO, 'draft_editor', (v) =>
    JSON.stringify(v.view.blocks).includes('draft_template_insert'),
  );
  await press(AIKO, withResults, 'draft_template_insert', { value: 'tpl-upload-android' });
  editor = await view(AIKO, 'draft_editor', (v) =>
    /Inserted template|を挿入しました/.test(JSON.stringify(v.view.blocks)),
  );
  c.out(t('demo.draft.inserted', { step: step++ }));
  const reply = initial(editor, 'reply_0');
  c.save?.('draft-editor.json', editor.view);
  for (const line of reply.split('\n')) c.out(`      | ${line}`);
  c.checks.push([t('demo.check.draft_template'), reply.includes('アプリを最新版に更新')]);

  await press(AIKO, editor, 'draft_share');
  const shared = await c.waitFor('the shared draft in the thread', async () =>
    (await thread()).find((m) => JSON.stringify(m.blocks ?? []).includes('draft_approve')),
  );
  c.out(t('demo.draft.shared', { step: step++ }));
  c.out(c.show(shared));
  await c.api('POST', '/_sim/slack/user-messages', {
    user: KENJI,
    channel: c.channel,
    thread_ts: c.root.ts,
    text: 'Looks good. Maybe mention iPhone works, so her photos are safe.',
  });
  await c.api('POST', '/_sim/slack/actions', {
    user: KENJI,
    channel: c.channel,
    message_ts: shared.ts,
    action_id: 'draft_approve',
  });
  const approved = await c.waitFor('the approval', async () =>
    (await thread()).find((m) => m.text.includes(`<@${KENJI}>`) && /approved|承認しました/.test(m.text)),
  );
  c.out(t('demo.draft.approved', { step: step++ }));
  c.out(c.show(approved));
  c.checks.push([t('demo.check.draft_approved'), Boolean(approved)]);

  editor = (await views(AIKO)).find((v) => v.view.callback_id === 'draft_editor') ?? editor;
  await press(AIKO, editor, 'draft_send');
  const preview = await view(AIKO, 'draft_send_preview');
  const previewText = JSON.stringify(preview.view.blocks);
  c.save?.('send-preview.json', preview.view);
  c.out(t('demo.draft.preview', { step: step++, id: c.ticketId }));
  c.checks.push([
    t('demo.check.draft_preview'),
    previewText.includes(`#${c.ticketId}`) && previewText.includes('hanako@example.com'),
  ]);
  await c.api('POST', `/_sim/slack/views/${preview.id}/submit`, {
    user: AIKO,
    values: { send_visibility: 'public', send_status: 'solved' },
  });
  const sent = await c.waitFor(
    '"sent by" in the thread',
    async () => (await thread()).find((m) => /^(Public reply sent by|公開返信を)/.test(m.text)),
    30_000,
  );
  c.out(t('demo.draft.sent', { step: step++ }));
  c.out(c.show(sent));

  const { ticket, comments } = await c.api<{
    ticket: { status: string };
    comments: Array<{ body: string; public: boolean; author_id: number }>;
  }>('GET', `/_sim/zendesk/tickets/${c.ticketId}`);
  const users = await c.api<{ users: Array<{ id: number; email: string | null }> }>(
    'GET',
    '/_sim/zendesk/users',
  );
  const aikoId = users.users.find((u) => u.email === 'aiko@example.com')?.id;
  const fromAiko = comments.filter((m) => m.public && m.author_id === aikoId);
  c.out(
    t('demo.draft.read_back', {
      step: step++,
      id: c.ticketId,
      status: t(`status.${ticket.status as 'solved'}`),
      count: fromAiko.length,
    }),
  );
  for (const line of (fromAiko[0]?.body ?? '').split('\n')) c.out(`      | ${line}`);
  const rootNow = await c.waitFor('the root message showing solved', async () =>
    (await c.messages(c.channel)).find((m) => m.ts === c.root.ts && m.text.includes(t('status.solved'))),
  );
  c.out(c.show(rootNow));
  c.checks.push([t('demo.check.draft_one_reply'), fromAiko.length === 1 && fromAiko[0]?.body === reply]);
  c.checks.push([t('demo.check.draft_thread_private'), !comments.some((m) => m.body.includes('Looks good'))]);
  c.checks.push([t('demo.check.draft_root_updated'), rootNow.ts === c.root.ts]);
  return step;
}
