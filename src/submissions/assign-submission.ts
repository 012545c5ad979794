import type { App } from '@slack/bolt';
import { asYorisoiError } from '../errors.ts';
import { tellUser } from '../listeners/draft-editor.ts';
import { type AppDeps, readerT } from '../listeners/listener-deps.ts';
import { parseAssignState, targetName, zAssignMeta } from '../views/assign-modal.ts';
import { parseMeta } from '../views/block-kit.ts';
import { AssignBlocks, ViewIds } from '../views/ids.ts';
import { escapeMrkdwn } from '../views/mrkdwn.ts';

/**
 * The assign modal's submit: nothing chosen keeps the modal open with a note; otherwise the modal closes at once
 * and the assignment is made in Zendesk. A refusal or an outage is told privately in the ticket's thread, in
 * the reader's language, naming what was not done (the ticket stays as it was).
 */
export function registerAssignSubmission(app: App, deps: AppDeps) {
  const assignment = deps.team?.assignment;
  if (!assignment) return;
  app.view(ViewIds.assignTicket, async ({ ack, body, view, client }) => {
    const meta = parseMeta(zAssignMeta, view.private_metadata);
    const target = parseAssignState(view.state);
    if (!meta || !target) {
      const t = await readerT(deps, body.user.id);
      await ack({ response_action: 'errors', errors: { [AssignBlocks.target]: t('assign.modal.pick') } });
      return;
    }
    await ack();
    try {
      await assignment.assign(meta.t, target);
    } catch (error) {
      const e = asYorisoiError(error);
      deps.logger.warn('assign failed', { ticket: meta.t, target, error });
      const t = await readerT(deps, body.user.id);
      const choices = await assignment.choices().catch(() => null);
      const text = t('assign.failed', {
        id: meta.t,
        target: escapeMrkdwn(targetName(t, target, choices)),
        reason: escapeMrkdwn(e.userMessageIn(t)),
      });
      await tellUser(client, body.user.id, { channelId: meta.c, threadTs: meta.th }, text).catch(
        (tellError: unknown) => deps.logger.warn('could not tell the user', { error: tellError }),
      );
    }
  });
}
