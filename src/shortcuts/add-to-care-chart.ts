import type { App, MessageShortcut } from '@slack/bolt';
import { messageThreadTs } from '../actions/payloads.ts';
import { asYorisoiError, YorisoiError } from '../errors.ts';
import { translator } from '../i18n/index.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { buildClipAddedMessage } from '../views/care-chart.ts';
import { ShortcutIds } from '../views/ids.ts';

/**
 * "Add to care chart" on any message in a ticket thread: copies it into the customer's chart with a link
 * back, and says so ephemerally.
 */
export function registerAddToCareChart(app: App, deps: AppDeps) {
  app.shortcut<MessageShortcut>(
    { callback_id: ShortcutIds.addToCareChart, type: 'message_action' },
    async ({ ack, shortcut, respond, client }) => {
      await ack();
      const care = deps.care;
      if (!care) return;
      try {
        const message = shortcut.message;
        const ticket = await care.ticketByThread(shortcut.channel.id, messageThreadTs(message));
        if (!ticket) throw new YorisoiError('care_chart_not_a_ticket');
        const permalink = await client.chat
          .getPermalink({ channel: shortcut.channel.id, message_ts: message.ts })
          .then((r) => r.permalink ?? null)
          .catch(() => null);
        const chart = await care.addClip({
          customerId: ticket.customerId,
          text: message.text ?? '',
          permalink,
          authorSlackId: shortcut.user.id,
          at: new Date(),
        });
        const customer = await care.customer(ticket.customerId);
        await respond({
          response_type: 'ephemeral',
          ...buildClipAddedMessage(translator(await deps.readerLocale(shortcut.user.id)), customer, chart),
        });
      } catch (error) {
        const e = asYorisoiError(error);
        if (e.code === 'internal') deps.logger.error('add to care chart failed', { error });
        await respond({ response_type: 'ephemeral', text: e.userMessage });
      }
    },
  );
}
