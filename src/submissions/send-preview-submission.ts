import type { App } from '@slack/bolt';
import { asYorisoiError } from '../errors.ts';
import { translator } from '../i18n/index.ts';
import { errorWords } from '../listeners/draft-editor.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { type ModalView, parseMeta } from '../views/block-kit.ts';
import { buildSendQueued, parseSendState, zPreviewMeta } from '../views/draft-modal.ts';
import { DraftBlocks, ViewIds } from '../views/ids.ts';
import { buildLoadingView, buildProblemView } from '../views/loading.ts';

/**
 * "Send" on the preview: the only path by which a reply reaches the customer. Validates (mapping, second
 * approval, nothing in flight), stores the send behind the undo window, and shows the Undo button. The
 * ack comes first (a loading view); the outcome, or the refusal in the agent's words, follows by views.update.
 */
export function registerSendPreviewSubmission(app: App, deps: AppDeps) {
  const drafting = deps.drafting;
  if (!drafting) return;
  const outcomes = new Map<string, Promise<ModalView | null>>();
  app.view(ViewIds.sendPreview, async ({ ack, body, view, logger, client }) => {
    const meta = parseMeta(zPreviewMeta, view.private_metadata);
    if (!meta) {
      await ack({
        response_action: 'errors',
        errors: {
          [DraftBlocks.sendVisibility]: translator(await drafting.locale(body.user.id))(
            'dthread.preview_stale',
          ),
        },
      });
      return;
    }
    const choice = parseSendState(view.state);
    if (choice.sendAt && choice.sendAt.getTime() < Date.now() - 60_000) {
      await ack({
        response_action: 'errors',
        errors: {
          [DraftBlocks.sendAt]: translator(await drafting.locale(body.user.id))('dthread.send_at_past'),
        },
      });
      return;
    }
    // Checking the sender (Slack and Zendesk lookups) may take longer than Slack's 3 s: ack at once with a
    // loading view, then show the outcome with views.update.
    // A second submit of the same view (a double click, a retried delivery) shows the first one's outcome.
    const earlier = outcomes.get(view.id);
    if (earlier) {
      await ack({
        response_action: 'update',
        view: (await earlier) ?? buildLoadingView('ops.loading.sending'),
      });
      return;
    }
    let settle: (v: ModalView | null) => void = () => undefined;
    outcomes.set(view.id, new Promise((resolve) => (settle = resolve)));
    setTimeout(() => outcomes.delete(view.id), 10 * 60_000).unref();
    await ack({ response_action: 'update', view: buildLoadingView('ops.loading.sending') });
    let outcome: ModalView | null = null;
    const t = translator(await drafting.locale(body.user.id).catch(() => 'ja' as const));
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
      outcome = buildSendQueued({
        sendId: send.id,
        ticketZendeskId: meta.t,
        dueAt: send.dueAt,
        scheduled: choice.sendAt !== null,
        recipient: ticket.requester.email ?? ticket.requester.name,
        t,
      });
      await client.views.update({ view_id: view.id, view: outcome });
    } catch (error) {
      const e = asYorisoiError(error);
      if (e.code === 'internal') logger.error(`send failed: ${String(error)}`);
      else logger.info(`send refused: ${String(error)}`);
      outcome ??= buildProblemView(t, errorWords(error, t), { back: true });
      await client.views
        .update({ view_id: view.id, view: outcome })
        .catch((updateError: unknown) => logger.warn(`could not show the outcome: ${String(updateError)}`));
    } finally {
      settle(outcome);
    }
  });
}
