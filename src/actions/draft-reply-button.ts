import type { App } from '@slack/bolt';
import type { AppDeps } from '../app.ts';
import { ActionIds } from '../views/ids.ts';
import { openEditor, tellUser } from './draft-support.ts';

/** "Draft reply" on a ticket's root message: opens the editor on that ticket. */
export function registerDraftReplyButton(app: App, deps: AppDeps) {
  const drafting = deps.drafting;
  if (!drafting) return;
  app.action(ActionIds.draftReply, async ({ ack, body, client, logger }) => {
    await ack();
    const b = body as {
      trigger_id?: string;
      user: { id: string };
      channel?: { id: string };
      container?: { message_ts?: string; thread_ts?: string };
    };
    const channelId = b.channel?.id;
    const ts = b.container?.thread_ts ?? b.container?.message_ts;
    if (!channelId || !ts || !b.trigger_id) return;
    try {
      const ticket = await drafting.service.ticketForThread(channelId, ts);
      await openEditor(drafting, client, b.trigger_id, b.user.id, ticket);
    } catch (error) {
      logger.warn(`draft reply: ${String(error)}`);
      await tellUser(client, b.user.id, { channelId, threadTs: ts }, error);
    }
  });
}
