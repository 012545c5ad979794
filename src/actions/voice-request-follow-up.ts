import type { App, BlockButtonAction } from '@slack/bolt';
import { translator } from '../i18n/index.ts';
import { ClickAnswers } from '../listeners/click-answers.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { openLoadingModal } from '../listeners/open-modal.ts';
import { parseMeta } from '../views/block-kit.ts';
import { ActionIds } from '../views/ids.ts';
import { buildFollowUpModal, FollowUpButtonValue } from '../views/voice.ts';
import { registerAction, tellClicker } from './acknowledge-clicks.ts';
import { buttonThread } from './payloads.ts';

/** "Request follow-up" on a voice: opens a modal for the product person's question. */
export function registerVoiceRequestFollowUp(app: App, deps: AppDeps) {
  registerAction<BlockButtonAction>(
    app,
    ActionIds.voiceRequestFollowUp,
    async ({ ack, body, client, action }) => {
      await ack();
      const value = parseMeta(FollowUpButtonValue, action.value);
      const channel = buttonThread(body).channelId;
      if (!value || !channel) {
        deps.logger.warn('follow-up button with an unexpected value', { value: action.value });
        await tellClicker(client, body, ClickAnswers.unknownButton);
        return;
      }
      if (!(await deps.voice.hasSupportThread(value.t))) {
        await tellClicker(client, body, ClickAnswers.ticketGone);
        return;
      }
      // Open first (the trigger_id lives 3 s), then ask the reader's language (users.info) and fill it in.
      const opened = await openLoadingModal(client, body.trigger_id, { text: 'modals.loading.follow_up' });
      const t = translator(await deps.readerLocale(body.user.id));
      await opened.fill(buildFollowUpModal(t, { t: value.t, c: channel }, null));
    },
  );
}
