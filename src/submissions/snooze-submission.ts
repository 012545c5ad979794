import type { App } from '@slack/bolt';
import { asYorisoiError } from '../errors.ts';
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
    if (!meta || (!choice.until && !choice.untilCustomerWrites)) {
      await ack({
        response_action: 'errors',
        errors: { [DraftBlocks.snoozeUntil]: 'Pick a time, or tick "until the customer writes".' },
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
        errors: { [DraftBlocks.snoozeUntil]: asYorisoiError(error).userMessage.slice(0, 300) },
      });
    }
  });
}
