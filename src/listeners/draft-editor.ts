import type { WebClient } from '@slack/web-api';
import {
  type DraftContent,
  type DraftTemplate,
  type DraftTicket,
  withTemplate,
} from '../domain/drafting/draft.ts';
import type { DraftEditorState } from '../domain/drafting/drafting-service.ts';
import { asYorisoiError } from '../errors.ts';
import { type MessageKey, type Translate, translator } from '../i18n/index.ts';
import type { ModalView } from '../views/block-kit.ts';
import { buildDraftEditor, type EditorMeta, MAX_REPLY_CHARS } from '../views/draft-modal.ts';
import { escapeMrkdwn } from '../views/mrkdwn.ts';
import type { DraftingDeps } from './listener-deps.ts';
import { openLoadingModal } from './open-modal.ts';

/** What a redraw of the editor carries besides the stored state. */
export interface EditorExtra {
  content?: DraftContent;
  parts?: string[];
  notice?: string;
  templateResults?: DraftTemplate[];
  /** The reader's words (default Japanese). */
  t?: Translate;
}

/** Drafting's own refusals, in the drafting catalog (the error catalog in src/errors.ts has English only). */
const draftingWords: Partial<Record<string, MessageKey>> = {
  draft_not_editable: 'dthread.err_not_editable',
  too_late_to_undo: 'dthread.err_too_late_to_undo',
  draft_name_taken: 'dthread.err_name_taken',
  ticket_not_in_thread: 'dthread.err_not_in_thread',
  bad_input: 'dthread.err_bad_input',
};

/**
 * An error in plain words of the agent's language: drafting's own refusals come from the drafting
 * catalog, the rest from the error catalog (never API paths or raw bodies: those go to the log).
 */
export function errorWords(error: unknown, t: Translate): string {
  const e = asYorisoiError(error);
  if (e.code === 'reply_empty') return t('draft.empty_reply').replace(/^:warning: /, '');
  if (e.code === 'reply_placeholder_left') return t('preview.blocked_error', { what: '○○' });
  const key = draftingWords[e.code];
  if (key) return t(key);
  return e.userMessageIn(t);
}

export function editorView(
  deps: DraftingDeps,
  state: DraftEditorState,
  meta: Omit<EditorMeta, 'p'>,
  extra: EditorExtra = {},
): ModalView {
  return buildDraftEditor({
    t: extra.t,
    ...state,
    content: extra.content ?? state.draft,
    inquiry: deps.service.lastLiveInquiry(state.ticket.zendeskId) ?? state.ticket.latestCustomerMessage,
    meta,
    notice: extra.notice,
    parts: extra.parts,
    templateResults: extra.templateResults,
  });
}

/**
 * Opens the editor: first a loading view with the trigger_id (the first Web API call after the ack — the
 * trigger_id lives 3 s), then the ticket, the draft and the reader's language are read and `views.update`
 * draws the editor; last the inquiry is read live from Zendesk and the view updated again (with the hash,
 * so it never overwrites a newer view). `ticket` is read after the modal is open; when it fails, the modal
 * says why in plain words and the error is thrown on for the caller to log and tell.
 */
export async function openEditor(
  deps: DraftingDeps,
  client: WebClient,
  triggerId: string,
  userId: string,
  ticket: DraftTicket | (() => Promise<DraftTicket>),
  draftId?: string,
  options: { insert?: DraftTemplate; push?: boolean } = {},
) {
  // From inside a modal (the template search), the editor goes on top of it.
  const modal = await openLoadingModal(client, triggerId, {
    push: options.push,
    text: 'modals.loading.editor',
  });
  let t: Translate | undefined;
  try {
    const found = typeof ticket === 'function' ? await ticket() : ticket;
    let state = await deps.service.open({ ticketZendeskId: found.zendeskId, draftId, slackUserId: userId });
    t = translator(await deps.locale(userId));
    let notice: string | undefined;
    if (options.insert) {
      // "Copy into draft" from a template: appended to the draft and saved before the editor shows it.
      const next = withTemplate(state.draft, options.insert);
      if (Array.from(next.body).length > MAX_REPLY_CHARS) {
        notice = t('draft.notice_too_long', { max: MAX_REPLY_CHARS.toLocaleString('en') });
      } else {
        await deps.service.autosave(state.draft.id, next, userId);
        state = await deps.service.refresh(state.draft.id);
        notice = t('draft.notice_inserted', { title: escapeMrkdwn(options.insert.title) });
      }
    }
    const meta = {
      t: found.zendeskId,
      d: state.draft.id,
      r: 0,
      q: '',
      ...(found.channelId ? { c: found.channelId } : {}),
    };
    const drawn = await modal.fill(editorView(deps, state, meta, notice ? { notice, t } : { t }));
    if (!drawn) return; // closed or replaced before it was drawn
    const live = await deps.service.refreshInquiry(found.zendeskId, state.ticket.latestCustomerMessage);
    if (!live || !modal.viewId) return;
    await client.views
      .update({ view_id: modal.viewId, hash: drawn?.hash, view: editorView(deps, state, meta, { t }) })
      .catch(() => undefined); // hash_conflict: the user already moved on; the next render shows it
  } catch (error) {
    const words = t ?? translator(await deps.locale(userId));
    await modal.fail(words, errorWords(error, words));
    throw error;
  }
}

/**
 * Tells one person something, ephemerally, in the ticket's thread when there is one: a text already in
 * their words, or an error put in words by `errorWords` — in their language when the caller passes their
 * translator, else in both (Japanese first), since the reader's language is not known here.
 */
export async function tellUser(
  client: WebClient,
  userId: string,
  where: { channelId?: string | null; threadTs?: string | null },
  error: unknown | string,
  t?: Translate,
) {
  if (!where.channelId) return;
  const text =
    typeof error === 'string'
      ? error
      : t
        ? `:warning: ${errorWords(error, t)}`
        : `:warning: ${bilingualError(error)}`;
  await client.chat.postEphemeral({
    channel: where.channelId,
    user: userId,
    text,
    ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
  });
}

function bilingualError(error: unknown): string {
  const ja = errorWords(error, translator('ja'));
  const en = errorWords(error, translator('en'));
  return ja === en ? ja : `${ja}\n${en}`;
}
