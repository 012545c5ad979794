import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../app.ts';
import type { DraftContent, DraftTicket } from '../domain/drafting/draft.ts';
import type { DraftEditorState } from '../domain/drafting/drafting-service.ts';
import type { DraftTemplate } from '../domain/drafting/template-lookup.ts';
import { asYorisoiError } from '../errors.ts';
import { buildDraftEditor, type EditorMeta, type ModalView } from '../views/draft-modal.ts';

export type DraftingDeps = NonNullable<AppDeps['drafting']>;

/** The customer's latest words as last read live from Zendesk, per ticket (derived, may be stale). */
const liveInquiries = new WeakMap<object, Map<string, { body: string; createdAt: Date }>>();
function inquiries(deps: DraftingDeps) {
  let m = liveInquiries.get(deps);
  if (!m) {
    m = new Map();
    liveInquiries.set(deps, m);
  }
  return m;
}

export function editorView(
  deps: DraftingDeps,
  state: DraftEditorState,
  meta: Omit<EditorMeta, 'p'>,
  extra: {
    content?: DraftContent;
    parts?: string[];
    notice?: string;
    templateResults?: DraftTemplate[];
  } = {},
): ModalView {
  return buildDraftEditor({
    ...state,
    content: extra.content ?? state.draft,
    inquiry: inquiries(deps).get(state.ticket.zendeskId) ?? state.ticket.latestCustomerMessage,
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
) {
  const state = await deps.service.open({ ticketZendeskId: ticket.zendeskId, draftId, slackUserId: userId });
  const meta = {
    t: ticket.zendeskId,
    d: state.draft.id,
    r: 0,
    q: '',
    ...(ticket.channelId ? { c: ticket.channelId } : {}),
  };
  const opened = await client.views.open({
    trigger_id: triggerId,
    view: editorView(deps, state, meta) as never,
  });
  const live = await deps.service.liveInquiry(ticket.zendeskId);
  const known = state.ticket.latestCustomerMessage;
  if (!live || (known && known.body === live.body)) return;
  inquiries(deps).set(ticket.zendeskId, live);
  const view = opened.view as { id?: string; hash?: string } | undefined;
  if (!view?.id) return;
  await client.views
    .update({ view_id: view.id, hash: view.hash, view: editorView(deps, state, meta) as never })
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
