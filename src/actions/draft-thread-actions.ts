import type { App } from '@slack/bolt';
import type { AppDeps } from '../app.ts';
import { buildSendOutcome, parseMeta, zApproveValue, zOpenDraftValue } from '../views/draft-modal.ts';
import { ActionIds } from '../views/ids.ts';
import { openEditor, tellUser } from './draft-support.ts';

interface MessageActionBody {
  user: { id: string };
  trigger_id: string;
  channel?: { id: string };
  container?: { message_ts?: string; thread_ts?: string };
  actions: Array<{ value?: string }>;
}

/** Buttons on a shared draft in the thread: "Approve vN" and "Open draft". */
export function registerDraftThreadActions(app: App, deps: AppDeps) {
  const drafting = deps.drafting;
  if (!drafting) return;

  app.action(ActionIds.draftApprove, async ({ ack, body, client, logger }) => {
    await ack();
    const b = body as unknown as MessageActionBody;
    const where = { channelId: b.channel?.id, threadTs: b.container?.thread_ts ?? b.container?.message_ts };
    const value = parseMeta(zApproveValue, b.actions[0]?.value);
    if (!value) return;
    try {
      const r = await drafting.service.approve({
        draftId: value.d,
        version: value.v,
        approverSlackId: b.user.id,
      });
      if (r.selfApproval)
        await tellUser(client, b.user.id, where, 'You wrote this version: a colleague has to approve it.');
      else if (!r.created) await tellUser(client, b.user.id, where, `You already approved v${value.v}.`);
    } catch (error) {
      logger.warn(`approve: ${String(error)}`);
      await tellUser(client, b.user.id, where, error);
    }
  });

  app.action(ActionIds.draftOpenFromShare, async ({ ack, body, client, logger }) => {
    await ack();
    const b = body as unknown as MessageActionBody;
    const where = { channelId: b.channel?.id, threadTs: b.container?.thread_ts ?? b.container?.message_ts };
    const value = parseMeta(zOpenDraftValue, b.actions[0]?.value);
    if (!value || !where.channelId || !where.threadTs) return;
    try {
      const ticket = await drafting.service.ticketForThread(where.channelId, where.threadTs);
      await openEditor(drafting, client, b.trigger_id, b.user.id, ticket, value.d);
    } catch (error) {
      logger.warn(`open draft: ${String(error)}`);
      await tellUser(client, b.user.id, where, error);
    }
  });

  app.action(ActionIds.sendUndo, async ({ ack, body, client, logger }) => {
    await ack();
    const b = body as unknown as MessageActionBody & { view?: { id: string } };
    const sendId = b.actions[0]?.value;
    if (!sendId || !b.view) return;
    try {
      await drafting.service.undo(sendId);
      await client.views.update({
        view_id: b.view.id,
        view: buildSendOutcome(
          ':leftwards_arrow_with_hook: Undone: nothing was sent. The draft is editable again.',
        ) as never,
      });
    } catch (error) {
      logger.info(`undo: ${String(error)}`);
      await client.views.update({
        view_id: b.view.id,
        view: buildSendOutcome(`:warning: ${(error as Error).message}`) as never,
      });
    }
  });
}
