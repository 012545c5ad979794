import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { openEditor, tellUser } from '../listeners/draft-editor.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { ActionIds } from '../views/ids.ts';
import { registerAction } from './acknowledge-clicks.ts';
import { buttonThread } from './payloads.ts';

/** "Draft reply" on a ticket's root message: opens the editor on that ticket. */
export function registerDraftReplyButton(app: App, deps: AppDeps) {
  const drafting = deps.drafting;
  if (!drafting) return;
  registerAction<BlockAction<ButtonAction>>(
    app,
    ActionIds.draftReply,
    async ({ ack, body: b, client, logger }) => {
      await ack();
      const { channelId, threadTs: ts } = buttonThread(b);
      if (!channelId || !ts || !b.trigger_id) return;
      try {
        // The editor opens (a loading view) before the ticket is even looked up: the trigger_id lives 3 s.
        await openEditor(drafting, client, b.trigger_id, b.user.id, () =>
          drafting.service.ticketForThread(channelId, ts),
        );
      } catch (error) {
        logger.warn(`draft reply: ${String(error)}`);
        await tellUser(client, b.user.id, { channelId, threadTs: ts }, error);
      }
    },
  );
}
