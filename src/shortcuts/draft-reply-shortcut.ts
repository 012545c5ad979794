import type { App } from '@slack/bolt';
import { messageThreadTs } from '../actions/payloads.ts';
import { openEditor, tellUser } from '../listeners/draft-editor.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { ShortcutIds } from '../views/ids.ts';

/**
 * The "Draft reply" message shortcut, on any message of a ticket's thread (slash commands do not know
 * their thread, so this and the root's button are the thread's entry points).
 */
export function registerDraftReplyShortcut(app: App, deps: AppDeps) {
  const drafting = deps.drafting;
  if (!drafting) return;
  app.shortcut(ShortcutIds.draftReply, async ({ ack, body, client, logger }) => {
    await ack();
    if (body.type !== 'message_action') return;
    const threadTs = messageThreadTs(body.message);
    try {
      await openEditor(drafting, client, body.trigger_id, body.user.id, () =>
        drafting.service.ticketForThread(body.channel.id, threadTs),
      );
    } catch (error) {
      logger.warn(`draft shortcut: ${String(error)}`);
      await tellUser(client, body.user.id, { channelId: body.channel.id, threadTs }, error);
    }
  });
}
