import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { tellUser } from '../listeners/draft-editor.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { ActionIds } from '../views/ids.ts';
import { buttonThread } from './payloads.ts';

/** "Take it" on a ticket's root: the ticket is assigned in Zendesk to the clicker's agent; the root follows. */
export function registerTakeTicket(app: App, deps: AppDeps) {
  const team = deps.team;
  if (!team) return;
  app.action<BlockAction<ButtonAction>>(
    ActionIds.takeTicket,
    async ({ ack, body: b, action, client, logger }) => {
      await ack();
      const { channelId, threadTs } = buttonThread(b);
      try {
        await team.take(action.value ?? '', b.user.id);
      } catch (error) {
        logger.warn(`take ticket: ${String(error)}`);
        await tellUser(client, b.user.id, { channelId, threadTs }, error);
      }
    },
  );
}
