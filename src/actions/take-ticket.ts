import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { asYorisoiError } from '../errors.ts';
import { tellUser } from '../listeners/draft-editor.ts';
import { type AppDeps, readerT } from '../listeners/listener-deps.ts';
import { buildAssignModal } from '../views/assign-modal.ts';
import { ActionIds } from '../views/ids.ts';
import { buildLoadingView, buildProblemView } from '../views/loading.ts';
import { escapeMrkdwn } from '../views/mrkdwn.ts';
import { registerAction } from './acknowledge-clicks.ts';
import { buttonThread } from './payloads.ts';

const ticketId = (value: string | undefined) => (/^\d{1,19}$/.test(value ?? '') ? (value ?? '') : null);

/**
 * The root's assignment buttons. "Take it" assigns the ticket in Zendesk to the clicking agent; "Assign…"
 * opens a modal at once (loading) and fills it with the account's people and groups. The root follows through
 * the ticket sync; a failure is told privately in the thread, in the reader's language.
 */
export function registerTakeTicket(app: App, deps: AppDeps) {
  const team = deps.team;
  if (!team) return;
  registerAction<BlockAction<ButtonAction>>(
    app,
    ActionIds.takeTicket,
    async ({ ack, body: b, action, client, logger }) => {
      await ack();
      const { channelId, threadTs } = buttonThread(b);
      const id = ticketId(action.value);
      if (!id) return;
      try {
        await team.take(id, b.user.id);
      } catch (error) {
        logger.warn(`take ticket: ${String(error)}`);
        const t = await readerT(deps, b.user.id);
        const reason = escapeMrkdwn(asYorisoiError(error).userMessageIn(t));
        await tellUser(client, b.user.id, { channelId, threadTs }, t('assign.take_failed', { id, reason }));
      }
    },
  );

  const assignment = team.assignment;
  if (!assignment) return;
  registerAction<BlockAction<ButtonAction>>(
    app,
    ActionIds.assignTicket,
    async ({ ack, body: b, action, client }) => {
      await ack();
      const id = ticketId(action.value);
      if (!id) return;
      const { channelId, threadTs } = buttonThread(b);
      // The trigger_id lives 3 s and Zendesk may take longer: open first, fill in after.
      const opened = await client.views.open({ trigger_id: b.trigger_id, view: buildLoadingView() });
      const t = await readerT(deps, b.user.id);
      let view: ReturnType<typeof buildAssignModal>;
      try {
        const [choices, current] = await Promise.all([assignment.choices(), assignment.current(id)]);
        view = buildAssignModal(t, {
          meta: { t: id, ...(channelId ? { c: channelId } : {}), ...(threadTs ? { th: threadTs } : {}) },
          choices,
          current,
        });
      } catch (error) {
        const e = asYorisoiError(error);
        if (e.code === 'internal') deps.logger.error('assign modal failed', { error });
        else deps.logger.warn('assign modal failed', { error });
        view = buildProblemView(t, e.userMessageIn(t));
      }
      if (opened.view?.id) await client.views.update({ view_id: opened.view.id, view });
    },
  );
}
