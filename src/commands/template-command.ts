import type { App } from '@slack/bolt';
import { commandPlainText } from '../listeners/command-text.ts';
import { type AppDeps, readerT } from '../listeners/listener-deps.ts';
import { Commands } from '../views/ids.ts';
import {
  buildTemplateErrorMessage,
  buildTemplateLoadingMessage,
  buildTemplateNoResultsMessage,
  buildTemplateResultsMessage,
  buildTemplateUsageMessage,
  SEARCH_RESULTS,
} from '../views/templates.ts';

/**
 * `/template <words>`: acks at once, then answers ephemerally with the best matches. The index lives in
 * memory, so the answer follows in milliseconds (or, right after start-up, once the index has loaded).
 */
export function registerTemplateCommand(app: App, deps: AppDeps) {
  const templates = deps.templates;
  if (!templates) return;
  app.command(Commands.template, async ({ ack, command, respond }) => {
    await ack();
    const query = commandPlainText(command.text).replace(/\s+/g, ' ').trim();
    const ctx = { c: command.channel_id };
    const t = await readerT(deps, command.user_id);
    if (query === '') {
      await respond({ response_type: 'ephemeral', ...buildTemplateUsageMessage(ctx, t) });
      return;
    }
    try {
      if (!templates.catalog.isLoaded) {
        // Right after start-up the index may take a while (tens of seconds at 50,000 templates): say so.
        await respond({ response_type: 'ephemeral', ...buildTemplateLoadingMessage(query, t) });
      }
      const hits = await templates.catalog.search(query, { limit: SEARCH_RESULTS });
      await respond({
        response_type: 'ephemeral',
        ...(hits.length
          ? buildTemplateResultsMessage(query, hits, ctx, t)
          : buildTemplateNoResultsMessage(query, ctx, t)),
      });
    } catch (error) {
      deps.logger.error('template search failed', { error });
      await respond({
        response_type: 'ephemeral',
        ...buildTemplateErrorMessage(t('tpl.err.search_failed')),
      });
    }
  });
}
