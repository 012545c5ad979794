import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { YorisoiError } from '../errors.ts';
import { translator } from '../i18n/index.ts';
import { ClickAnswers } from '../listeners/click-answers.ts';
import { errorWords, openEditor, tellUser } from '../listeners/draft-editor.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { parseMeta } from '../views/block-kit.ts';
import { buildSendOutcome, zApproveValue, zOpenDraftValue } from '../views/draft-modal.ts';
import { ActionIds } from '../views/ids.ts';
import { registerAction, tellClicker } from './acknowledge-clicks.ts';
import { buttonThread } from './payloads.ts';

/** The bilingual answer for a click whose draft or ticket no longer exists; undefined for other errors. */
function goneAnswer(error: unknown): string | undefined {
  const code = error instanceof YorisoiError ? error.code : undefined;
  if (code === 'draft_not_found') return ClickAnswers.draftGone;
  if (code === 'ticket_not_in_thread') return ClickAnswers.ticketGone;
  return undefined;
}

/** Buttons on a shared draft in the thread: "Approve vN" and "Open draft". */
export function registerDraftThreadActions(app: App, deps: AppDeps) {
  const drafting = deps.drafting;
  if (!drafting) return;

  registerAction<BlockAction<ButtonAction>>(
    app,
    ActionIds.draftApprove,
    async ({ ack, body: b, client, logger }) => {
      await ack();
      const where = buttonThread(b);
      const value = parseMeta(zApproveValue, b.actions[0]?.value);
      if (!value) {
        await tellClicker(client, b, ClickAnswers.unknownButton);
        return;
      }
      const t = translator(await drafting.locale(b.user.id));
      try {
        const r = await drafting.service.approve({
          draftId: value.d,
          version: value.v,
          approverSlackId: b.user.id,
        });
        if (r.outcome === 'self') await tellUser(client, b.user.id, where, t('dthread.ans_self_approval'));
        else if (r.outcome === 'already')
          await tellUser(client, b.user.id, where, t('dthread.ans_already_approved', { version: value.v }));
        else if (r.outcome === 'sent')
          await tellUser(client, b.user.id, where, t('dthread.ans_already_sent'));
      } catch (error) {
        logger.warn(`approve: ${String(error)}`);
        await tellUser(client, b.user.id, where, goneAnswer(error) ?? error, t);
      }
    },
  );

  registerAction<BlockAction<ButtonAction>>(
    app,
    ActionIds.draftOpenFromShare,
    async ({ ack, body: b, client, logger }) => {
      await ack();
      const where = buttonThread(b);
      const value = parseMeta(zOpenDraftValue, b.actions[0]?.value);
      if (!value || !where.channelId || !where.threadTs) {
        await tellClicker(client, b, ClickAnswers.unknownButton);
        return;
      }
      try {
        const { channelId, threadTs } = where;
        await openEditor(
          drafting,
          client,
          b.trigger_id,
          b.user.id,
          () => drafting.service.ticketForThread(channelId, threadTs),
          value.d,
        );
      } catch (error) {
        logger.warn(`open draft: ${String(error)}`);
        const t = translator(await drafting.locale(b.user.id));
        await tellUser(client, b.user.id, where, goneAnswer(error) ?? error, t);
      }
    },
  );

  registerAction<BlockAction<ButtonAction>>(
    app,
    ActionIds.sendUndo,
    async ({ ack, body: b, client, logger }) => {
      await ack();
      const sendId = b.actions[0]?.value;
      if (!sendId || !b.view) {
        await tellClicker(client, b, ClickAnswers.unknownButton);
        return;
      }
      const t = translator(await drafting.locale(b.user.id));
      try {
        await drafting.service.undo(sendId);
        await client.views.update({ view_id: b.view.id, view: buildSendOutcome(t('dthread.undone'), t) });
      } catch (error) {
        logger.info(`undo: ${String(error)}`);
        await client.views.update({
          view_id: b.view.id,
          view: buildSendOutcome(`:warning: ${errorWords(error, t)}`, t),
        });
      }
    },
  );
}
