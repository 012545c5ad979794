import type { App } from '@slack/bolt';
import { translator } from '../i18n/index.ts';
import { errorWords } from '../listeners/draft-editor.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { parseMeta } from '../views/block-kit.ts';
import { buildSendQueued, parseSendState, zPreviewMeta } from '../views/draft-modal.ts';
import { DraftBlocks, ViewIds } from '../views/ids.ts';

/**
 * "Send" on the preview: the only path by which a reply reaches the customer. Validates (mapping, second
 * approval, nothing in flight), stores the send behind the undo window, and shows the Undo button.
 */
export function registerSendPreviewSubmission(app: App, deps: AppDeps) {
  const drafting = deps.drafting;
  if (!drafting) return;
  app.view(ViewIds.sendPreview, async ({ ack, body, view, logger }) => {
    const meta = parseMeta(zPreviewMeta, view.private_metadata);
    if (!meta) {
      await ack({
        response_action: 'errors',
        errors: { [DraftBlocks.sendVisibility]: 'This preview is out of date; open the draft again.' },
      });
      return;
    }
    const choice = parseSendState(view.state);
    if (choice.sendAt && choice.sendAt.getTime() < Date.now() - 60_000) {
      await ack({
        response_action: 'errors',
        errors: { [DraftBlocks.sendAt]: 'Pick a time in the future, or leave it empty to send now.' },
      });
      return;
    }
    const t = translator(await drafting.locale(body.user.id));
    try {
      const send = await drafting.service.send({
        draftId: meta.d,
        version: meta.v,
        slackUserId: body.user.id,
        public: choice.public,
        newStatus: choice.newStatus,
        sendAt: choice.sendAt,
      });
      const ticket = (await drafting.service.refresh(meta.d)).ticket;
      await ack({
        response_action: 'update',
        view: buildSendQueued({
          sendId: send.id,
          ticketZendeskId: meta.t,
          dueAt: send.dueAt,
          scheduled: choice.sendAt !== null,
          recipient: ticket.requester.email ?? ticket.requester.name,
          t,
        }),
      });
    } catch (error) {
      logger.info(`send refused: ${String(error)}`);
      await ack({
        response_action: 'errors',
        errors: { [DraftBlocks.sendVisibility]: errorWords(error, t).slice(0, 300) },
      });
    }
  });
}
