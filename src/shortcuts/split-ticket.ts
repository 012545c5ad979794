import type { App } from '@slack/bolt';
import { type AppDeps, readerT } from '../listeners/listener-deps.ts';
import { openLoadingModal } from '../listeners/open-modal.ts';
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
      // The check reads only yorisoi's database. A modal then opens at once (a loading view: the trigger_id
      // lives 3 s), before the reader's language is asked of Slack (users.info).
      const checked = await split.service.check(target);
      if (!checked.ok) {
        const t = await readerT(deps, body.user.id);
        await client.chat.postEphemeral({
          channel: target.channelId,
          user: body.user.id,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          text: splitAnswerText({ kind: 'refused', reason: checked.reason }, t, split.ticketUrl),
        });
        return;
      }
      const opened = await openLoadingModal(client, body.trigger_id);
      await opened.fill(
        buildSplitConfirmModal(
          {
            ticketZendeskId: checked.ticket.zendeskId,
            requesterName: checked.ticket.requesterName,
            body: checked.body,
            meta: { c: target.channelId, ts: target.ts, th: threadTs },
          },
          await readerT(deps, body.user.id),
        ),
      );
    } catch (error) {
      logger.warn(`split shortcut: ${String(error)}`);
    }
  });
}
