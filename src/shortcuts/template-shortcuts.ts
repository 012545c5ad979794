import type { App } from '@slack/bolt';
import { z } from 'zod';
import { prefillSearch } from '../domain/templates/template-service.ts';
import { type AppDeps, readerT } from '../listeners/listener-deps.ts';
import { openLoadingModal } from '../listeners/open-modal.ts';
import { editorsOnly, messageWords } from '../listeners/template-modals.ts';
import { ShortcutIds } from '../views/ids.ts';
import {
  buildTemplateBrowserModal,
  buildTemplateEditorModal,
  buildTemplateSearchModal,
} from '../views/templates.ts';

const messageShortcut = z.object({
  trigger_id: z.string(),
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }),
  message: z.looseObject({
    ts: z.string(),
    thread_ts: z.string().optional(),
    text: z.string().optional(),
    bot_id: z.string().optional(),
    blocks: z.unknown().optional(),
  }),
});
const globalShortcut = z.object({ trigger_id: z.string(), user: z.object({ id: z.string() }) });

/**
 * "Find template" on any message (slash commands do not arrive with their thread), and the global
 * "Browse templates" / "New template" shortcuts. Each opens its modal with the shortcut's trigger_id.
 */
export function registerTemplateShortcuts(app: App, deps: AppDeps) {
  const templates = deps.templates;
  if (!templates) return;
  const { catalog, editors } = templates;
  const logger = deps.logger.child({ component: 'template-shortcuts' });

  app.shortcut(ShortcutIds.findTemplate, async ({ ack, shortcut, client }) => {
    await ack();
    const s = messageShortcut.safeParse(shortcut);
    if (!s.success)
      return logger.warn('unexpected message shortcut payload', { issue: s.error.issues[0]?.message });
    const { message } = s.data;
    // The modal opens at once (the trigger_id lives 3 s; the search may wait for the index), then fills in.
    const opened = await openLoadingModal(client, s.data.trigger_id, { text: 'ops.loading.templates' });
    // On the ticket's root message the customer's words are the ticket's first message, not the summary line.
    const root = message.bot_id ? /^#(\d+) /.exec(message.text ?? '') : null;
    const text =
      (root ? await templates.ticketText(root[1]!).catch(() => null) : null) ?? messageWords(message);
    const { query, hits } = await prefillSearch(catalog, text, 1500, logger);
    const ctx = { c: s.data.channel.id, th: message.thread_ts ?? message.ts };
    await opened.fill(
      buildTemplateSearchModal(query, hits, ctx, await readerT(deps, s.data.user.id), { prefilled: true }),
    );
  });

  app.shortcut(ShortcutIds.browseTemplates, async ({ ack, shortcut, client }) => {
    await ack();
    const s = globalShortcut.safeParse(shortcut);
    if (!s.success) return;
    // Open first (the trigger_id lives 3 s): editors.canEdit may ask Slack for a user group's members.
    const opened = await openLoadingModal(client, s.data.trigger_id, { text: 'ops.loading.templates' });
    const view = buildTemplateBrowserModal(await catalog.browse(''), {
      canEdit: await editors.canEdit(s.data.user.id),
      ctx: {},
      tr: await readerT(deps, s.data.user.id),
    });
    await opened.fill(view);
  });

  app.shortcut(ShortcutIds.newTemplate, async ({ ack, shortcut, client }) => {
    await ack();
    const s = globalShortcut.safeParse(shortcut);
    if (!s.success) return;
    const opened = await openLoadingModal(client, s.data.trigger_id);
    const tr = await readerT(deps, s.data.user.id);
    const view = (await editors.canEdit(s.data.user.id))
      ? buildTemplateEditorModal({ ctx: {}, tr })
      : editorsOnly(editors, tr);
    await opened.fill(view);
  });
}
