import type { App } from '@slack/bolt';
import { asYorisoiError } from '../errors.ts';
import { translator } from '../i18n/index.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { parseMeta } from '../views/block-kit.ts';
import { BlockIds, ViewIds } from '../views/ids.ts';
import { FollowUpMetadata, parseFollowUpQuestion } from '../views/voice.ts';

/**
 * The follow-up modal's submission: validates, queues the question for the ticket's support thread (and a
 * note in the voice thread), then acks; problems come back as errors on the input.
 */
export function registerVoiceFollowUpSubmission(app: App, deps: AppDeps) {
  app.view(ViewIds.voiceFollowUp, async ({ ack, body, view }) => {
    const meta = parseMeta(FollowUpMetadata, view.private_metadata);
    const question = parseFollowUpQuestion(view.state.values);
    if (!meta) {
      const t = translator(await deps.readerLocale(body.user.id));
      await ack({
        response_action: 'errors',
        errors: { [BlockIds.voiceFollowUpQuestion]: t('voice.follow_up_out_of_date') },
      });
      return;
    }
    try {
      await deps.voice.requestFollowUp({
        zendeskId: meta.t,
        voiceChannelId: meta.c,
        userId: body.user.id,
        question,
        // One request per submitted view: a retried submission is not a second question.
        requestId: `${view.id}:${view.hash}`,
      });
      await ack();
      deps.wakeOutbox();
    } catch (error) {
      const e = asYorisoiError(error);
      if (e.code === 'internal') deps.logger.error('follow-up request failed', { error });
      await ack({ response_action: 'errors', errors: { [BlockIds.voiceFollowUpQuestion]: e.userMessage } });
    }
  });
}
