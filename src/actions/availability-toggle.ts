import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { asYorisoiError } from '../errors.ts';
import { type AppDeps, readerT } from '../listeners/listener-deps.ts';
import { ActionIds } from '../views/ids.ts';
import { escapeMrkdwn } from '../views/mrkdwn.ts';
import { registerAction } from './acknowledge-clicks.ts';

/**
 * The App Home's availability button (value "on" = I take new tickets, "off" = away: the state after the
 * click). Stored on the agent's profile; automatic assignment skips away agents. Then the home is redrawn
 * through `onAvailabilityChanged`; a failure (no Zendesk agent mapped, Zendesk down) is told in the app's
 * Messages tab, in the reader's language.
 */
export function registerAvailabilityToggle(app: App, deps: AppDeps) {
  const assignment = deps.team?.assignment;
  if (!assignment) return;
  registerAction<BlockAction<ButtonAction>>(
    app,
    ActionIds.homeAvailabilityToggle,
    async ({ ack, body: b, action, client }) => {
      await ack();
      if (action.value !== 'on' && action.value !== 'off') return;
      try {
        await assignment.setAvailable(b.user.id, action.value === 'on');
      } catch (error) {
        deps.logger.warn('availability toggle failed', { error });
        const t = await readerT(deps, b.user.id);
        const reason = escapeMrkdwn(asYorisoiError(error).userMessageIn(t));
        await client.chat
          .postMessage({ channel: b.user.id, text: t('assign.availability.failed', { reason }) })
          .catch((e: unknown) => deps.logger.warn('could not tell the user', { error: e }));
        return;
      }
      try {
        await assignment.onAvailabilityChanged?.(b.user.id);
      } catch (error) {
        deps.logger.warn('home refresh after the availability toggle failed', { error });
      }
    },
  );
}
