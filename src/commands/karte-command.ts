import type { App } from '@slack/bolt';
import { asYorisoiError } from '../errors.ts';
import { translator } from '../i18n/index.ts';
import { commandPlainText } from '../listeners/command-text.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { buildCareHistoryModal, buildLoadingModal } from '../views/care-chart.ts';
import { Commands } from '../views/ids.ts';

/**
 * `/karte <email | Zendesk user id | service user id>` from any channel: the customer's care chart and
 * prior tickets. Finding the person is quick (local store, one Zendesk search) and happens inside the
 * trigger's 3 seconds; the slower history fills the modal afterwards. Unknown or malformed identifiers get
 * an ephemeral answer, no modal.
 */
export function registerKarteCommand(app: App, deps: AppDeps) {
  app.command(Commands.karte, async ({ ack, command, respond, client }) => {
    await ack();
    const care = deps.care;
    const t = translator(await deps.readerLocale(command.user_id));
    if (!care) {
      await respond({ response_type: 'ephemeral', text: t('care.disabled') });
      return;
    }
    try {
      const customer = await care.resolve(commandPlainText(command.text));
      const opened = await client.views.open({
        trigger_id: command.trigger_id,
        view: buildLoadingModal(t),
      });
      const history = await care.history(customer.id);
      if (opened.view?.id)
        await client.views.update({ view_id: opened.view.id, view: buildCareHistoryModal(t, history, 0) });
    } catch (error) {
      const e = asYorisoiError(error);
      if (e.code === 'internal') deps.logger.error('/karte failed', { error });
      await respond({ response_type: 'ephemeral', text: e.userMessage });
    }
  });
}
