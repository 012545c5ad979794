import type { WebClient } from '@slack/web-api';
import {
  type DraftContent,
  type DraftTemplate,
  type DraftTicket,
  withTemplate,
} from '../domain/drafting/draft.ts';
import type { DraftEditorState } from '../domain/drafting/drafting-service.ts';
import { asYorisoiError } from '../errors.ts';
import { type Translate, translator } from '../i18n/index.ts';
import type { ModalView } from '../views/block-kit.ts';
import { buildDraftEditor, type EditorMeta, MAX_REPLY_CHARS } from '../views/draft-modal.ts';
import { escapeMrkdwn } from '../views/mrkdwn.ts';
import type { DraftingDeps } from './listener-deps.ts';

/** What a redraw of the editor carries besides the stored state. */
export interface EditorExtra {
  content?: DraftContent;
  parts?: string[];
  notice?: string;
  templateResults?: DraftTemplate[];
  /** The reader's words (default Japanese). */
  t?: Translate;
}

/**
 * An error in plain words of the agent's language: the two a reply hits most are in the drafting
 * catalog; the rest come from the error catalog (never API paths or raw bodies: those go to the log).
 */
export function errorWords(error: unknown, t: Translate): string {
  const e = asYorisoiError(error);
  if (e.code === 'reply_empty') return t('draft.empty_reply').replace(/^:warning: /, '');
  if (e.code === 'reply_placeholder_left') return t('preview.blocked_error', { what: '○○' });
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
 * Opens the editor within the trigger's 3 seconds from stored data, then reads the inquiry live from
 * Zendesk and updates the view (with the hash, so it never overwrites a newer view).
 */
export async function openEditor(
  deps: DraftingDeps,
  client: WebClient,
  triggerId: string,
  userId: string,
  ticket: DraftTicket,
  draftId?: string,
  options: { insert?: DraftTemplate; push?: boolean } = {},
) {
  let state = await deps.service.open({ ticketZendeskId: ticket.zendeskId, draftId, slackUserId: userId });
  const t = translator(await deps.locale(userId));
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
    t: ticket.zendeskId,
    d: state.draft.id,
    r: 0,
    q: '',
    ...(ticket.channelId ? { c: ticket.channelId } : {}),
  };
  // From inside a modal (the template search), the editor goes on top of it.
  const opened = await client.views[options.push ? 'push' : 'open']({
    trigger_id: triggerId,
    view: editorView(deps, state, meta, notice ? { notice, t } : { t }),
  });
  const live = await deps.service.refreshInquiry(ticket.zendeskId, state.ticket.latestCustomerMessage);
  if (!live) return;
  const view = opened.view;
  if (!view?.id) return;
  await client.views
    .update({ view_id: view.id, hash: view.hash, view: editorView(deps, state, meta, { t }) })
    .catch(() => undefined); // hash_conflict: the user already moved on; the next render shows it
}

/** Tells one person what went wrong, ephemerally, in the ticket's thread when there is one. */
export async function tellUser(
  client: WebClient,
  userId: string,
  where: { channelId?: string | null; threadTs?: string | null },
  error: unknown | string,
) {
  const text = typeof error === 'string' ? error : `:warning: ${asYorisoiError(error).userMessage}`;
  if (!where.channelId) return;
  await client.chat.postEphemeral({
    channel: where.channelId,
    user: userId,
    text,
    ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
  });
}
