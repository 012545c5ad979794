import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppDeps } from '../app.ts';
import { ActionIds } from '../views/ids.ts';
import { buildFollowUpModal, FollowUpButtonValue } from '../views/voice.ts';

/** "Request follow-up" on a voice: opens a modal for the product person's question. */
export function registerVoiceRequestFollowUp(app: App, deps: AppDeps) {
  app.action<BlockButtonAction>(ActionIds.voiceRequestFollowUp, async ({ ack, body, client, action }) => {
    await ack();
    const value = FollowUpButtonValue.safeParse(safeJson(action.value));
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (!value.success || !channel) {
      deps.logger.warn('follow-up button with an unexpected value', { value: action.value });
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: buildFollowUpModal({ t: value.data.t, c: channel }, null) as never,
    });
  });
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return null;
  }
}
