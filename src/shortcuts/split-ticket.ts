import type { App } from '@slack/bolt';
import { type AppDeps, readerT } from '../listeners/listener-deps.ts';
import { ShortcutIds } from '../views/ids.ts';
import { buildSplitConfirmModal, splitAnswerText } from '../views/split.ts';

/**
 * "Split into a new ticket" (新しいチケットに分ける), a message shortcut: on a customer's message in a
 * ticket's thread it asks for confirmation (the modal; its submission splits, src/submissions/split-submission.ts);
 * anywhere else it answers why not, visible to the clicking agent only, in their language.
 */
export function registerSplitShortcut(app: App, deps: AppDeps) {
  const split = deps.split;
  if (!split) return;
  app.shortcut(ShortcutIds.splitTicket, async ({ ack, body, client, logger }) => {
    await ack();
    if (body.type !== 'message_action') return;
    const message = body.message as { ts: string; thread_ts?: string; bot_id?: string; subtype?: string };
    const threadTs = message.thread_ts ?? null;
    const target = {
      channelId: body.channel.id,
      ts: message.ts,
      threadTs,
      fromBot: Boolean(message.bot_id) || message.subtype === 'bot_message',
    };
    try {
      const checked = await split.service.check(target);
      const t = await readerT(deps, body.user.id);
      if (!checked.ok) {
        await client.chat.postEphemeral({
          channel: target.channelId,
          user: body.user.id,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          text: splitAnswerText({ kind: 'refused', reason: checked.reason }, t, split.ticketUrl),
        });
        return;
      }
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildSplitConfirmModal(
          {
            ticketZendeskId: checked.ticket.zendeskId,
            requesterName: checked.ticket.requesterName,
            body: checked.body,
            meta: { c: target.channelId, ts: target.ts, th: threadTs },
          },
          t,
        ),
      });
    } catch (error) {
      logger.warn(`split shortcut: ${String(error)}`);
    }
  });
}
