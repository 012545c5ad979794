import type { App } from '@slack/bolt';
import { asYorisoiError } from '../errors.ts';
import type { Translate } from '../i18n/index.ts';
import { commandPlainText } from '../listeners/command-text.ts';
import { type AppDeps, readerT } from '../listeners/listener-deps.ts';
import { type OpenedModal, openLoadingModal } from '../listeners/open-modal.ts';
import { buildCareHistoryModal } from '../views/care-chart.ts';
import { Commands } from '../views/ids.ts';

/**
 * `/karte <email | Zendesk user id | service user id>` from any channel: the customer's care chart and
 * prior tickets. A malformed identifier gets an ephemeral answer and no modal. Otherwise the modal opens at
 * once as a loading view (the trigger_id lives 3 s; finding the person may take a Zendesk search), and the
 * chart and history — or "no such customer" in the reader's words — fill it afterwards.
 */
export function registerKarteCommand(app: App, deps: AppDeps) {
  app.command(Commands.karte, async ({ ack, command, respond, client }) => {
    await ack();
    const care = deps.care;
    // The reader's language (users.info, maybe slow) is asked only after the loading view is open: the
    // trigger_id lives 3 s, so views.open is the first call after the ack.
    let reading: Promise<Translate> | undefined;
    const reader = () => {
      reading ??= readerT(deps, command.user_id);
      return reading;
    };
    if (!care) {
      await respond({ response_type: 'ephemeral', text: (await reader())('care.disabled') });
      return;
    }
    const text = commandPlainText(command.text);
    try {
      care.identifier(text);
    } catch (error) {
      await respond({
        response_type: 'ephemeral',
        text: asYorisoiError(error).userMessageIn(await reader()),
      });
      return;
    }
    let opened: OpenedModal | undefined;
    try {
      opened = await openLoadingModal(client, command.trigger_id, { text: 'ops.loading.karte' });
      reader(); // asked alongside the search below
      const customer = await care.resolve(text);
      const history = await care.history(customer.id);
      await opened.fill(buildCareHistoryModal(await reader(), history, 0));
    } catch (error) {
      const e = asYorisoiError(error);
      if (e.code === 'internal') deps.logger.error('/karte failed', { error });
      else deps.logger.info('/karte refused', { error: e.message });
      const t = await reader();
      if (opened) await opened.fail(t, e.userMessageIn(t));
      else await respond({ response_type: 'ephemeral', text: e.userMessageIn(t) });
    }
  });
}
