import type { App, BlockButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { asYorisoiError } from '../errors.ts';
import { translator } from '../i18n/index.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { ActionIds } from '../views/ids.ts';
import { escapeMrkdwn, truncate } from '../views/mrkdwn.ts';
import { buildSubscriptionList } from '../views/voice.ts';
import { registerAction } from './acknowledge-clicks.ts';

const zSubscriptionId = z.string().min(1).max(100);

/**
 * "Remove" beside a subscription in `/voice list` (after Slack's confirmation): stops it in the channel the
 * list was shown in, then redraws the list in place (response_url, replace_original) with a line saying
 * what was removed. Anyone who may run `/voice unsubscribe` in the channel may press it.
 */
export function registerVoiceUnsubscribe(app: App, deps: AppDeps) {
  registerAction<BlockButtonAction>(
    app,
    ActionIds.voiceUnsubscribe,
    async ({ ack, body, action, respond }) => {
      await ack();
      const t = translator(await deps.readerLocale(body.user.id));
      const channelId = body.channel?.id ?? body.container?.channel_id;
      const id = zSubscriptionId.safeParse(action.value);
      if (!channelId || !id.success) {
        deps.logger.warn('voice remove button with an unexpected value', { value: action.value });
        return;
      }
      let notice: string;
      try {
        const removed = (await deps.voice.list(channelId)).find((s) => s.id === id.data);
        await deps.voice.unsubscribe(channelId, id.data);
        notice = t('voice.removed', {
          id: id.data,
          filter: escapeMrkdwn(truncate(removed?.filterText ?? '', 200)),
        });
      } catch (error) {
        const e = asYorisoiError(error);
        if (e.code === 'internal') deps.logger.error('voice remove failed', { error });
        notice = `:x: ${e.userMessage}`;
      }
      await respond({
        replace_original: true,
        ...buildSubscriptionList(t, channelId, await deps.voice.list(channelId), notice),
      });
    },
  );
}
