import { expect } from 'vitest';
import type { ControlView } from '../../src/sim/slack/index.ts';
import { repliesTo, rootsOf, type SimMessage, type TestSandbox, waitFor } from './helpers.ts';

export const AIKO = 'U0AGENT1';
export const KENJI = 'U0AGENT2';
export const SORA = 'U0PRODUCT';

type Block = {
  type: string;
  block_id?: string;
  text?: { text?: string };
  elements?: Array<{ text?: string | { text?: string }; action_id?: string; value?: string }>;
};

/** A ticket from a customer, its Slack thread ready. */
export async function ticketWithThread(
  s: TestSandbox,
  input: { subject?: string; body?: string; tags?: string[]; email?: string } = {},
) {
  const ticket = (
    await s.api<{ ticket: { id: number } }>('POST', '/_sim/zendesk/tickets', {
      subject: input.subject ?? 'Upload fails',
      body: input.body ?? 'Uploading a photo fails with an error on Android.',
      requester: { email: input.email ?? 'taro@example.com', name: 'Taro' },
      brand: 'photos',
      tags: input.tags ?? [],
    })
  ).body.ticket;
  const root = await waitFor('root message', async () => rootsOf(await s.messages('C0PHOTOS'), ticket.id)[0]);
  await waitFor('first thread message', async () => repliesTo(await s.messages('C0PHOTOS'), root.ts)[0]);
  return { ticket, root, channel: 'C0PHOTOS' };
}

export async function views(s: TestSandbox, user: string) {
  return (await s.api<{ views: ControlView[] }>('GET', `/_sim/slack/views?user=${user}`)).body.views;
}

/** The user's view with this callback_id (the top one if several). */
export async function viewOf(
  s: TestSandbox,
  user: string,
  callbackId: string,
  accept: (v: ControlView) => boolean = () => true,
) {
  return waitFor(`view ${callbackId} for ${user}`, async () =>
    (await views(s, user)).filter((v) => v.view.callback_id === callbackId && accept(v)).pop(),
  );
}

export const blocksOf = (v: ControlView) => v.view.blocks as Block[];
export const viewText = (v: ControlView) => JSON.stringify(v.view.blocks);
/** The block id of an input in the editor, whatever its revision. */
export function inputId(v: ControlView, base: string): string {
  const b = blocksOf(v).find(
    (x) => x.type === 'input' && (x.block_id === base || x.block_id?.startsWith(`${base}__r`)),
  );
  if (!b?.block_id) throw new Error(`no input ${base} in ${v.view.callback_id}`);
  return b.block_id;
}
export function initialValue(v: ControlView, base: string): string {
  const id = inputId(v, base);
  const b = blocksOf(v).find((x) => x.block_id === id) as
    | { element?: { initial_value?: string } }
    | undefined;
  return b?.element?.initial_value ?? '';
}

export async function openEditorFromRoot(
  s: TestSandbox,
  user: string,
  thread: { channel: string; root: SimMessage },
) {
  // Any view already there is not the one this click opens (the editor opens as a loading view first,
  // so an older editor could otherwise be taken for it).
  const before = new Set((await views(s, user)).map((v) => v.id));
  const r = await s.api('POST', '/_sim/slack/actions', {
    user,
    channel: thread.channel,
    message_ts: thread.root.ts,
    action_id: 'ticket_draft_reply',
  });
  expect(r.status).toBe(200);
  return viewOf(s, user, 'draft_editor', (v) => !before.has(v.id));
}

/** Types into inputs (by base id) and presses a button or dispatching input in the view. */
export async function act(
  s: TestSandbox,
  user: string,
  view: ControlView,
  actionId: string,
  opts: { typed?: Record<string, string>; value?: string } = {},
) {
  const values = Object.fromEntries(
    Object.entries(opts.typed ?? {}).map(([base, text]) => [inputId(view, base), text]),
  );
  const r = await s.api<{ acked: boolean }>('POST', '/_sim/slack/actions', {
    user,
    view_id: view.id,
    action_id: actionId,
    ...(opts.value !== undefined ? { value: opts.value } : {}),
    ...(Object.keys(values).length ? { values } : {}),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.acked).toBe(true);
  return r;
}

/** Opens the folded response policy of the editor and returns the redrawn view. */
export async function openPolicy(s: TestSandbox, user: string, view: ControlView) {
  if (blocksOf(view).some((b) => b.block_id?.startsWith('policy_facts'))) return view;
  await act(s, user, view, 'draft_policy_toggle', { value: '1' });
  return nextVersionOf(s, user, view, (v) => blocksOf(v).some((b) => b.block_id?.startsWith('policy_facts')));
}

/** Waits until the view with this id changed (new hash) and returns it. */
export async function nextVersionOf(
  s: TestSandbox,
  user: string,
  view: ControlView,
  accept: (v: ControlView) => boolean = () => true,
) {
  return waitFor(`view ${view.id} to change`, async () =>
    (await views(s, user)).find((v) => v.id === view.id && v.hash !== view.hash && accept(v)),
  );
}

export async function zendeskComments(s: TestSandbox, ticketId: number) {
  return (
    await s.api<{ comments: Array<{ id: number; body: string; public: boolean; author_id: number }> }>(
      'GET',
      `/_sim/zendesk/tickets/${ticketId}`,
    )
  ).body.comments;
}

export async function zendeskUserId(s: TestSandbox, email: string) {
  const users = (
    await s.api<{ users: Array<{ id: number; email: string | null }> }>('GET', '/_sim/zendesk/users')
  ).body.users;
  const u = users.find((x) => x.email === email);
  if (!u) throw new Error(`no Zendesk user ${email}`);
  return u.id;
}

export async function ephemeralFor(s: TestSandbox, user: string, includes: string) {
  return waitFor(`ephemeral for ${user} containing "${includes}"`, async () =>
    (
      await s.api<{ ephemerals: Array<{ user: string; text: string }> }>(
        'GET',
        `/_sim/slack/ephemerals?user=${user}`,
      )
    ).body.ephemerals.find((e) => e.text.includes(includes)),
  );
}

/** Writes a reply in a fresh editor and presses "Send…": returns the pushed preview. */
export async function writeAndPreview(
  s: TestSandbox,
  user: string,
  thread: Awaited<ReturnType<typeof ticketWithThread>>,
  reply: string,
) {
  const editor = await openEditorFromRoot(s, user, thread);
  await act(s, user, editor, 'draft_send', { typed: { reply_0: reply } });
  return viewOf(s, user, 'draft_send_preview');
}

export async function submitPreview(
  s: TestSandbox,
  user: string,
  preview: ControlView,
  values: Record<string, unknown> = {},
) {
  const r = await s.api<{
    acked: boolean;
    applied: string;
    ack: { response_action?: string; errors?: Record<string, string> };
  }>('POST', `/_sim/slack/views/${preview.id}/submit`, {
    user,
    values: { send_visibility: 'public', send_status: 'pending', ...values },
  });
  // Send acks at once with a loading view and shows the outcome by views.update: wait for the outcome.
  if (r.body.applied === 'update')
    await waitFor('the send outcome', async () =>
      (await views(s, user)).some((v) => v.id === preview.id && v.view.callback_id !== 'yorisoi_loading'),
    );
  return r;
}

export const publicCommentsBy = async (s: TestSandbox, ticketId: number, authorId: number) =>
  (await zendeskComments(s, ticketId)).filter((c) => c.public && c.author_id === authorId);
