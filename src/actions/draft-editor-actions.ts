import type {
  App,
  BlockAction,
  ButtonAction,
  PlainTextInputAction,
  StaticSelectAction,
  ViewOutput,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { withTemplate } from '../domain/drafting/draft.ts';
import type { DraftEditorState } from '../domain/drafting/drafting-service.ts';
import { type MessageKey, type Translate, translator } from '../i18n/index.ts';
import { type EditorExtra, editorView, errorWords, tellUser } from '../listeners/draft-editor.ts';
import type { AppDeps, DraftingDeps } from '../listeners/listener-deps.ts';
import { type OpenedModal, openLoadingModal } from '../listeners/open-modal.ts';
import { type ModalView, parseMeta } from '../views/block-kit.ts';
import {
  buildSendPreview,
  buildSnoozeModal,
  type EditorMeta,
  MAX_PARTS,
  MAX_REPLY_CHARS,
  parseEditorState,
  zEditorMeta,
} from '../views/draft-modal.ts';
import { ActionIds } from '../views/ids.ts';
import { escapeMrkdwn } from '../views/mrkdwn.ts';
import { registerAction } from './acknowledge-clicks.ts';

/** The editor's buttons, its draft switcher and its two dispatching text inputs. */
type EditorAction = BlockAction<ButtonAction | StaticSelectAction | PlainTextInputAction>;
/** An action from inside the editor modal (its view is always there). */
type ViewActionBody = EditorAction & { view: ViewOutput };

const fromView = (body: EditorAction): body is ViewActionBody => body.view !== undefined;
/** The pressed button's value or the text of the input that dispatched the action. */
const actionValue = (body: EditorAction) => {
  const a = body.actions[0];
  return a && a.type !== 'static_select' ? a.value : undefined;
};
const selectedValue = (body: EditorAction) => {
  const a = body.actions[0];
  return a?.type === 'static_select' ? a.selected_option.value : undefined;
};

/** The hash of the last view this process drew, per view id: a delayed redraw must not use a stale one. */
const drawnHashes = new Map<string, { hash: string; at: number }>();

/** Replaces the editor; a hash conflict means a newer view is up — content changes retry without it. */
async function update(
  client: WebClient,
  body: ViewActionBody,
  view: ModalView,
  force: boolean,
  hash = body.view.hash,
) {
  if (force) typingRedraws.cancel(body.view.id);
  const remember = (r: { view?: { hash?: string } }) => {
    if (r.view?.hash) drawnHashes.set(body.view.id, { hash: r.view.hash, at: Date.now() });
  };
  try {
    remember(await client.views.update({ view_id: body.view.id, hash, view }));
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'hash_conflict' && force)
      remember(await client.views.update({ view_id: body.view.id, view }));
    else if (code !== 'hash_conflict') throw error;
  }
}

/**
 * Redraws for the live counter, at most one per view every TYPING_REDRAW_MS: the first keystroke redraws
 * at once, later ones within the window collapse into one trailing redraw of the latest state. Slack's
 * views.update is tier 4 (~100/min per workspace) and a 429 would pause every user's modals.
 */
const TYPING_REDRAW_MS = 1500;
const typingRedraws = (() => {
  const entries = new Map<string, { last: number; timer?: NodeJS.Timeout; next?: () => Promise<void> }>();
  const forget = (now: number) => {
    for (const [id, e] of entries) if (!e.timer && now - e.last > 10 * 60_000) entries.delete(id);
    for (const [id, h] of drawnHashes) if (now - h.at > 60 * 60_000) drawnHashes.delete(id);
  };
  return {
    /** Runs `redraw` now, or once the window has passed (only the latest redraw asked for runs). */
    request(viewId: string, redraw: () => Promise<void>, onError: (error: unknown) => void): Promise<void> {
      const now = Date.now();
      forget(now);
      const e = entries.get(viewId) ?? { last: 0 };
      entries.set(viewId, e);
      const wait = e.last + TYPING_REDRAW_MS - now;
      if (wait <= 0 && !e.timer) {
        e.last = now;
        return redraw();
      }
      e.next = redraw;
      if (!e.timer) {
        e.timer = setTimeout(
          () => {
            e.timer = undefined;
            e.last = Date.now();
            const run = e.next;
            e.next = undefined;
            run?.().catch(onError);
          },
          Math.max(0, wait),
        );
        e.timer.unref();
      }
      return Promise.resolve();
    },
    /** Another action redrew the view: a pending counter redraw would draw over it with older state. */
    cancel(viewId: string) {
      const e = entries.get(viewId);
      if (e?.timer) clearTimeout(e.timer);
      if (e) {
        e.timer = undefined;
        e.next = undefined;
      }
    },
  };
})();

/**
 * Everything a button or input inside the "Draft reply" modal does. Each acks first, reads the modal's
 * inputs (zod), calls the drafting service and redraws the modal with views.update.
 */
export function registerDraftEditorActions(app: App, deps: AppDeps) {
  const drafting = deps.drafting;
  if (!drafting) return;

  const handle = (
    actionId: string,
    work: (ctx: {
      d: DraftingDeps;
      body: ViewActionBody;
      meta: EditorMeta;
      client: WebClient;
      t: Translate;
      /** The editor drawn in the reader's language. */
      ev: (state: DraftEditorState, meta: Omit<EditorMeta, 'p'>, extra?: EditorExtra) => ModalView;
      /** The loading view pushed on top of the editor, when `pushes` asked for one. */
      pushed?: OpenedModal;
    }) => Promise<void>,
    /**
     * For a button that opens a modal on top of the editor: whether it will (the loading view's words), or
     * not (undefined). Asked before anything else; when it answers, the loading view is pushed at once —
     * the first Web API call after the ack, as the trigger_id lives 3 s — and `work` fills it in.
     */
    pushes?: (ctx: {
      d: DraftingDeps;
      body: ViewActionBody;
      meta: EditorMeta;
    }) => Promise<MessageKey | undefined>,
  ) => {
    registerAction<EditorAction>(app, actionId, async ({ ack, body: b, client, logger }) => {
      await ack();
      if (!fromView(b)) return;
      const meta = parseMeta(zEditorMeta, b.view.private_metadata);
      if (!meta) return;
      let pushed: OpenedModal | undefined;
      let pushFailed: unknown;
      try {
        const text = pushes ? await pushes({ d: drafting, body: b, meta }) : undefined;
        if (text) pushed = await openLoadingModal(client, b.trigger_id, { push: true, text });
      } catch (error) {
        pushFailed = error;
      }
      const t = translator(await drafting.locale(b.user.id));
      const ev = (state: DraftEditorState, m: Omit<EditorMeta, 'p'>, extra: EditorExtra = {}) =>
        editorView(drafting, state, m, { ...extra, t });
      try {
        if (pushFailed) throw pushFailed;
        await work({ d: drafting, body: b, meta, client, t, ev, pushed });
      } catch (error) {
        logger.warn(`draft editor ${actionId}: ${String(error)}`);
        const ticket = await drafting.service
          .refresh(meta.d)
          .then((s) => s.ticket)
          .catch(() => null);
        await tellUser(
          client,
          b.user.id,
          { channelId: ticket?.channelId, threadTs: ticket?.rootTs },
          error,
          t,
        ).catch(() => undefined);
        // Also say it where the user is looking.
        try {
          const state = await drafting.service.refresh(meta.d);
          const current = parseEditorState(b.view.state, meta, state.draft);
          await update(
            client,
            b,
            ev(state, meta, {
              content: current,
              parts: current.parts,
              notice: t('draft.error', { message: errorWords(error, t) }),
            }),
            false,
          );
        } catch {
          // the ephemeral above is enough
        }
      }
    });
  };

  const current = async (d: DraftingDeps, body: ViewActionBody, meta: EditorMeta) => {
    const state = await d.service.refresh(meta.d);
    return { state, content: parseEditorState(body.view.state, meta, state.draft) };
  };

  // Live line/character count (redrawn at most every TYPING_REDRAW_MS), and an autosave of the working
  // copy on every change.
  handle(ActionIds.draftTyping, async ({ d, body, meta, client, ev }) => {
    const { state, content } = await current(d, body, meta);
    const editable = state.draft.status === 'open' || state.draft.status === 'failed';
    if (editable && content.name) await d.service.autosave(meta.d, content, body.user.id);
    await typingRedraws.request(
      body.view.id,
      async () => {
        // A delayed redraw follows the last view this process drew, not the hash this keystroke saw.
        const hash = drawnHashes.get(body.view.id)?.hash ?? body.view.hash;
        const fresh = await d.service.refresh(meta.d);
        await update(client, body, ev(fresh, meta, { content, parts: content.parts }), false, hash);
      },
      (error) => deps.logger.warn('draft editor counter redraw failed', { error: String(error) }),
    );
  });

  handle(ActionIds.draftAddPart, async ({ d, body, meta, client, ev }) => {
    const { state, content } = await current(d, body, meta);
    const parts = [...content.parts, ''].slice(0, MAX_PARTS);
    await update(client, body, ev(state, meta, { content, parts }), true);
  });

  // The response policy folds away below the reply; opening it keeps what was typed everywhere.
  handle(ActionIds.draftPolicyToggle, async ({ d, body, meta, client, ev }) => {
    const { state, content } = await current(d, body, meta);
    const o = actionValue(body) === '1' ? 1 : 0;
    await update(client, body, ev(state, { ...meta, o }, { content, parts: content.parts }), true);
  });

  handle(ActionIds.draftSave, async ({ d, body, meta, client, t, ev }) => {
    const { content } = await current(d, body, meta);
    const saved = await d.service.save(meta.d, content, body.user.id, 'save');
    const state = await d.service.refresh(meta.d);
    const notice = saved.created
      ? t('draft.notice_saved', { version: saved.version })
      : t('draft.notice_unchanged', { version: saved.version });
    await update(client, body, ev(state, meta, { content, parts: content.parts, notice }), true);
  });

  handle(ActionIds.draftShare, async ({ d, body, meta, client, t, ev }) => {
    const { content } = await current(d, body, meta);
    const shared = await d.service.share(meta.d, content, body.user.id);
    const state = await d.service.refresh(meta.d);
    const notice = t('draft.notice_shared', { version: shared.version });
    await update(client, body, ev(state, meta, { content, parts: content.parts, notice }), true);
  });

  handle(
    ActionIds.draftSend,
    async ({ d, body, meta, client, t, ev, pushed }) => {
      const { state, content } = await current(d, body, meta);
      if (!pushed || content.body.trim() === '') {
        // Said where the agent is looking, at once: no preview of nothing, no Zendesk error later.
        const notice = t('draft.empty_reply');
        await update(client, body, ev(state, meta, { content, parts: content.parts, notice }), true);
        return;
      }
      try {
        const prepared = await d.service.prepareSend(meta.d, content, body.user.id);
        await pushed.fill(
          buildSendPreview({
            ticket: prepared.ticket,
            version: prepared.version,
            agentName: prepared.agent.name,
            approvals: prepared.approvals,
            repeatedTemplates: prepared.repeatedTemplates,
            undoSeconds: d.undoSeconds,
            writing: prepared.writing,
            locale: await d.locale(body.user.id),
          }),
        );
      } catch (error) {
        await pushed.fail(t, errorWords(error, t), { back: true });
        throw error;
      }
    },
    // Finding the sender's Zendesk agent takes several Zendesk calls: the preview opens at once as a
    // loading view and is filled in when they answer (an empty reply opens nothing: the editor says so).
    async ({ d, body, meta }) =>
      (await current(d, body, meta)).content.body.trim() === '' ? undefined : 'ops.loading.send_preview',
  );

  handle(
    ActionIds.draftSnooze,
    async ({ d, meta, body, t, pushed }) => {
      const { state } = await current(d, body, meta);
      await pushed?.fill(buildSnoozeModal(state.ticket, t));
    },
    async () => 'ops.loading.text',
  );

  // Switching drafts keeps what was typed in the one being left (working copy), then shows the other.
  handle(ActionIds.draftSelect, async ({ d, body, meta, client, ev }) => {
    const target = selectedValue(body);
    if (!target || target === meta.d) return;
    const { state, content } = await current(d, body, meta);
    if ((state.draft.status === 'open' || state.draft.status === 'failed') && content.name)
      await d.service.autosave(meta.d, content, body.user.id);
    const next = await d.service.open({
      ticketZendeskId: meta.t,
      draftId: target,
      slackUserId: body.user.id,
    });
    await update(client, body, ev(next, { ...meta, d: next.draft.id, r: meta.r + 1 }), true);
  });

  handle(ActionIds.draftNew, async ({ d, body, meta, client, t, ev }) => {
    const { state, content } = await current(d, body, meta);
    if ((state.draft.status === 'open' || state.draft.status === 'failed') && content.name)
      await d.service.autosave(meta.d, content, body.user.id);
    const taken = new Set(state.drafts.map((x) => x.name));
    let n = state.drafts.length + 1;
    while (taken.has(t('dthread.new_draft_name', { n }))) n++;
    const name = t('dthread.new_draft_name', { n });
    const next = await d.service.newDraft({ ticketZendeskId: meta.t, name, slackUserId: body.user.id });
    await update(
      client,
      body,
      ev(
        next,
        { ...meta, d: next.draft.id, r: meta.r + 1 },
        { notice: t('draft.notice_new', { name: escapeMrkdwn(name) }) },
      ),
      true,
    );
  });

  handle(ActionIds.draftTemplateSearch, async ({ d, body, meta, client, ev }) => {
    const query = (actionValue(body) ?? '').trim().slice(0, 200);
    const { state, content } = await current(d, body, meta);
    const results = query ? await d.service.searchTemplates(query, 5) : [];
    await update(
      client,
      body,
      ev(state, { ...meta, q: query }, { content, parts: content.parts, templateResults: results }),
      true,
    );
  });

  // Insert appends the template to the reply; the inputs get new block ids so Slack shows the new text.
  handle(ActionIds.draftTemplateInsert, async ({ d, body, meta, client, t, ev }) => {
    const id = actionValue(body);
    const template = id ? await d.service.getTemplate(id) : null;
    if (!template) return;
    const { state, content } = await current(d, body, meta);
    const next = { ...withTemplate(content, template), name: content.name || state.draft.name };
    if (Array.from(next.body).length > MAX_REPLY_CHARS) {
      const notice = t('draft.notice_too_long', { max: MAX_REPLY_CHARS.toLocaleString('en') });
      await update(client, body, ev(state, meta, { content, parts: content.parts, notice }), true);
      return;
    }
    await d.service.autosave(meta.d, next, body.user.id);
    const refreshed = await d.service.refresh(meta.d);
    // The last search stays on screen with its results, to insert a second template or look again.
    const templateResults = meta.q ? await d.service.searchTemplates(meta.q, 5) : [];
    const notice = t('draft.notice_inserted', { title: escapeMrkdwn(template.title) });
    await update(
      client,
      body,
      ev(refreshed, { ...meta, r: meta.r + 1 }, { content: next, notice, templateResults }),
      true,
    );
  });
}
