import type { App } from '@slack/bolt';
import { translator } from '../i18n/index.ts';
import { errorWords } from '../listeners/draft-editor.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { parseMeta } from '../views/block-kit.ts';
import { parseSnoozeState, zSnoozeMeta } from '../views/draft-modal.ts';
import { DraftBlocks, ViewIds } from '../views/ids.ts';

export function registerSnoozeSubmission(app: App, deps: AppDeps) {
  const drafting = deps.drafting;
  if (!drafting) return;
  app.view(ViewIds.snooze, async ({ ack, body, view }) => {
    const meta = parseMeta(zSnoozeMeta, view.private_metadata);
    const choice = parseSnoozeState(view.state);
    // The reader's words, looked up only when there is something to say (the ack must come quickly).
    const words = async () => translator(await drafting.locale(body.user.id));
    if (!meta || (!choice.until && !choice.untilCustomerWrites)) {
      await ack({
        response_action: 'errors',
        errors: { [DraftBlocks.snoozeUntil]: (await words())('dthread.snooze_pick') },
      });
      return;
    }
    try {
      await drafting.service.snooze({
        ticketZendeskId: meta.t,
        until: choice.until,
        untilCustomerWrites: choice.untilCustomerWrites,
        slackUserId: body.user.id,
      });
      await ack();
    } catch (error) {
      await ack({
        response_action: 'errors',
        errors: { [DraftBlocks.snoozeUntil]: errorWords(error, await words()).slice(0, 300) },
      });
    }
  });
}
