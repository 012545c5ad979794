import type { App } from '@slack/bolt';
import { prefillSearch, type TemplateService } from '../domain/templates/template-service.ts';
import type { Translate } from '../i18n/index.ts';
import { openEditor } from '../listeners/draft-editor.ts';
import { type AppDeps, readerT } from '../listeners/listener-deps.ts';
import { openLoadingModal } from '../listeners/open-modal.ts';
import {
  type BlockActionBody,
  blockActionBody,
  editorsOnly,
  replaceView,
  showView,
} from '../listeners/template-modals.ts';
import type { ModalView } from '../views/block-kit.ts';
import { ActionIds } from '../views/ids.ts';
import {
  buildFolderMoveModal,
  buildTemplateBrowserModal,
  buildTemplateCopyMessage,
  buildTemplateEditorModal,
  buildTemplateHistoryModal,
  buildTemplateModal,
  buildTemplateMoveModal,
  buildTemplateNoticeModal,
  buildTemplateSearchModal,
  parseFolderButtonValue,
  parseTemplateButtonValue,
  type TemplateContext,
} from '../views/templates.ts';
import { registerAction } from './acknowledge-clicks.ts';

/** Buttons of template messages and modals. Each acks first, then reads, then opens or updates a view. */
export function registerTemplateActions(app: App, deps: AppDeps) {
  const templates = deps.templates;
  if (!templates) return;
  const { catalog, editors } = templates;
  const logger = deps.logger.child({ component: 'template-actions' });

  /** Registers a button listener that acks, parses the payload and reports failures to the log. */
  const on = (
    actionId: string,
    handle: (
      body: BlockActionBody,
      client: Parameters<Parameters<App['action']>[1]>[0]['client'],
      reader: () => Promise<Translate>,
    ) => Promise<void>,
  ) => {
    registerAction(app, actionId, async ({ ack, body, client }) => {
      await ack();
      const parsed = blockActionBody.safeParse(body);
      if (!parsed.success) {
        logger.warn('unexpected block_actions payload', { actionId, issue: parsed.error.issues[0]?.message });
        return;
      }
      try {
        // Every screen below is the clicker's own, in their language (users.info, cached per user); asked
        // for only when needed, so a handler can open its modal first (the trigger_id lives 3 s).
        let tr: Promise<Translate> | undefined;
        const reader = () => {
          tr ??= readerT(deps, parsed.data.user.id);
          return tr;
        };
        await handle(parsed.data, client, reader);
      } catch (error) {
        logger.error('template action failed', { actionId, error });
      }
    });
  };

  /** Where to answer: the button's own context, else the message it sits on. */
  const contextOf = (body: BlockActionBody, given: TemplateContext): TemplateContext => {
    if (given.c) return { c: given.c, th: given.th };
    if (body.channel && body.container?.type === 'message')
      return { c: body.channel.id, th: body.container.thread_ts ?? body.message?.thread_ts };
    return {};
  };

  const templateFrom = async (body: BlockActionBody) => {
    const value = parseTemplateButtonValue(body.actions[0]?.value);
    if (!value) return null;
    const t = await catalog.get(value.id);
    return t ? { t, ctx: contextOf(body, value) } : null;
  };
  const notFound = (body: BlockActionBody, client: Parameters<typeof showView>[0], tr: Translate) =>
    showView(client, body, buildTemplateNoticeModal(tr('tpl.modal_title'), tr('tpl.not_found'), tr));

  on(ActionIds.templateShow, async (body, client, reader) => {
    const tr = await reader();
    const found = await templateFrom(body);
    if (!found) return notFound(body, client, tr);
    // Per-template figures (split-metrics): cached, and never holding the modal past ~1.5 s.
    const figures = deps.templateFigures
      ? { value: await deps.templateFigures.figures(found.t.id), t: tr }
      : undefined;
    await showView(
      client,
      body,
      buildTemplateModal(found.t, {
        canEdit: await editors.canEdit(body.user.id),
        ctx: found.ctx,
        figures,
        tr,
      }),
    );
  });

  on(ActionIds.templateCopyIntoDraft, async (body, client, reader) => {
    const tr = await reader();
    const found = await templateFrom(body);
    if (!found || found.t.deletedAt) return notFound(body, client, tr);
    // In a ticket's thread: open (or, from a modal, push) the draft editor with the template appended.
    const drafting = deps.drafting;
    if (drafting && found.ctx.c && found.ctx.th) {
      const ticket = await drafting.service.ticketForThread(found.ctx.c, found.ctx.th).catch(() => null);
      if (ticket) {
        const { id, title, body: text, path } = found.t;
        await openEditor(drafting, client, body.trigger_id, body.user.id, ticket, undefined, {
          insert: { id, title, body: text, path },
          push: Boolean(body.view),
        });
        return;
      }
    }
    // Elsewhere (a channel, no ticket): the text, visible to the agent only, to paste where it is needed.
    if (found.ctx.c) {
      try {
        await client.chat.postEphemeral({
          channel: found.ctx.c,
          user: body.user.id,
          ...(found.ctx.th ? { thread_ts: found.ctx.th } : {}),
          ...buildTemplateCopyMessage(found.t, tr),
        });
        return;
      } catch (error) {
        logger.warn('could not post the template text in the channel; showing it in a modal', { error });
      }
    }
    await showView(client, body, buildTemplateModal(found.t, { canEdit: false, ctx: {}, tr }));
  });

  on(ActionIds.findTemplate, async (body, client, reader) => {
    // The ticket root message's button: search with the customer's words, answers go to this thread.
    const ticketId = body.actions[0]?.value ?? '';
    const ctx = { c: body.channel?.id, th: body.message?.thread_ts ?? body.message?.ts };
    // The modal opens at once (the trigger_id lives 3 s; the search may wait for the index), then fills in.
    const opened = await openLoadingModal(client, body.trigger_id, { text: 'ops.loading.templates' });
    const text = (await templates.ticketText(ticketId).catch(() => null)) ?? '';
    const { query: words, hits } = await prefillSearch(catalog, text, 1500, logger);
    await opened.fill(buildTemplateSearchModal(words, hits, ctx, await reader(), { prefilled: true }));
  });

  on(ActionIds.templateBrowse, async (body, client, reader) => {
    const tr = await reader();
    const value = parseFolderButtonValue(body.actions[0]?.value) ?? { folder: '', page: 0 };
    const ctx = contextOf(body, value);
    const view = buildTemplateBrowserModal(await catalog.browse(value.folder), {
      canEdit: await editors.canEdit(body.user.id),
      ctx,
      tr,
    });
    await showView(client, body, view);
  });

  on(ActionIds.templateOpenFolder, async (body, client, reader) => {
    const tr = await reader();
    const value = parseFolderButtonValue(body.actions[0]?.value);
    if (!value) return;
    const view = buildTemplateBrowserModal(await catalog.browse(value.folder), {
      canEdit: await editors.canEdit(body.user.id),
      ctx: contextOf(body, value),
      page: value.page,
      tr,
    });
    await replaceView(client, body, view);
  });

  on(ActionIds.templateNew, async (body, client, reader) => {
    const tr = await reader();
    const value = parseFolderButtonValue(body.actions[0]?.value) ?? { folder: '', page: 0 };
    if (!(await editors.canEdit(body.user.id))) return showView(client, body, editorsOnly(editors, tr));
    await showView(
      client,
      body,
      buildTemplateEditorModal({ folder: value.folder, ctx: contextOf(body, value), tr }),
    );
  });

  const editing =
    (
      build: (found: {
        t: NonNullable<Awaited<ReturnType<TemplateService['catalog']['get']>>>;
        ctx: TemplateContext;
        tr: Translate;
      }) => ModalView,
    ) =>
    async (
      body: BlockActionBody,
      client: Parameters<typeof showView>[0],
      reader: () => Promise<Translate>,
    ) => {
      const tr = await reader();
      if (!(await editors.canEdit(body.user.id))) return showView(client, body, editorsOnly(editors, tr));
      const found = await templateFrom(body);
      if (!found) return notFound(body, client, tr);
      await showView(client, body, build({ ...found, tr }));
    };
  on(
    ActionIds.templateEdit,
    editing(({ t, ctx, tr }) => buildTemplateEditorModal({ template: t, ctx, tr })),
  );
  on(
    ActionIds.templateMove,
    editing(({ t, ctx, tr }) => buildTemplateMoveModal(t, ctx, tr)),
  );

  on(ActionIds.templateHistory, async (body, client, reader) => {
    const tr = await reader();
    const found = await templateFrom(body);
    if (!found) return notFound(body, client, tr);
    await showView(
      client,
      body,
      buildTemplateHistoryModal(found.t, await catalog.versions(found.t.id), found.ctx, undefined, tr),
    );
  });

  const setDeleted =
    (deleted: boolean) =>
    async (
      body: BlockActionBody,
      client: Parameters<typeof showView>[0],
      reader: () => Promise<Translate>,
    ) => {
      const tr = await reader();
      if (!(await editors.canEdit(body.user.id))) return showView(client, body, editorsOnly(editors, tr));
      const value = parseTemplateButtonValue(body.actions[0]?.value);
      if (!value) return;
      const t = deleted
        ? await catalog.remove(value.id, body.user.id)
        : await catalog.restore(value.id, body.user.id);
      if (!t) return notFound(body, client, tr);
      const note = tr(deleted ? 'tpl.deleted_note' : 'tpl.restored_note');
      await replaceView(
        client,
        body,
        buildTemplateModal(t, { canEdit: true, ctx: contextOf(body, value), note, tr }),
      );
    };
  on(ActionIds.templateDelete, setDeleted(true));
  on(ActionIds.templateRestore, setDeleted(false));

  on(ActionIds.templateFolderMove, async (body, client, reader) => {
    const tr = await reader();
    if (!(await editors.canEdit(body.user.id))) return showView(client, body, editorsOnly(editors, tr));
    const value = parseFolderButtonValue(body.actions[0]?.value);
    if (!value || value.folder === '') return;
    await showView(client, body, buildFolderMoveModal(value.folder, contextOf(body, value), tr));
  });

  on(ActionIds.templateFolderDelete, async (body, client, reader) => {
    const tr = await reader();
    if (!(await editors.canEdit(body.user.id))) return showView(client, body, editorsOnly(editors, tr));
    const value = parseFolderButtonValue(body.actions[0]?.value);
    if (!value || value.folder === '') return;
    await catalog.deleteFolder(value.folder, body.user.id);
    const parent = value.folder.includes('/') ? value.folder.slice(0, value.folder.lastIndexOf('/')) : '';
    await replaceView(
      client,
      body,
      buildTemplateBrowserModal(await catalog.browse(parent), {
        canEdit: true,
        ctx: contextOf(body, value),
        tr,
      }),
    );
  });
}
