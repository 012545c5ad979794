import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { asYorisoiError } from '../errors.ts';
import { type Translate, translator } from '../i18n/index.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { openLoadingModal } from '../listeners/open-modal.ts';
import { type ModalView, parseMeta } from '../views/block-kit.ts';
import {
  buildCareEditModal,
  buildCareHistoryModal,
  buildCareRevisionsModal,
  buildErrorModal,
  zHistoryMeta,
} from '../views/care-chart.ts';
import { ActionIds } from '../views/ids.ts';
import { registerAction } from './acknowledge-clicks.ts';

const zPage = z.coerce.number().int().min(0).max(10_000);
const zCustomerId = z.string().min(1).max(100);

/**
 * Buttons of the care chart: "Care chart & history" on a ticket's root, paging and the two buttons inside
 * the history modal. Each acks first; the modal that opens at once shows "loading" until the history is read.
 */
export function registerCareChartActions(app: App, deps: AppDeps) {
  const fail = (t: Translate, error: unknown, what: string) => {
    const e = asYorisoiError(error);
    if (e.code === 'internal') deps.logger.error(what, { error });
    return buildErrorModal(t, e.userMessage);
  };

  registerAction<BlockAction<ButtonAction>>(
    app,
    ActionIds.careChart,
    async ({ ack, action, body, client }) => {
      await ack();
      const care = deps.care;
      if (!care) return;
      // The modal opens first (the trigger_id lives 3 s); the reader's language and the history follow.
      const opened = await openLoadingModal(client, body.trigger_id, { text: 'care.loading' });
      const t = translator(await deps.readerLocale(body.user.id));
      let view: ModalView;
      try {
        const customer = await care.resolve(
          z
            .string()
            .regex(/^\d{1,19}$/)
            .parse(action.value),
        );
        view = buildCareHistoryModal(t, await care.history(customer.id), 0);
      } catch (error) {
        view = fail(t, error, 'care chart button failed');
      }
      await opened.fill(view);
    },
  );

  registerAction<BlockAction<ButtonAction>>(
    app,
    ActionIds.careHistoryPage,
    async ({ ack, action, body, client }) => {
      await ack();
      const meta = parseMeta(zHistoryMeta, body.view?.private_metadata);
      const page = zPage.safeParse(action.value);
      if (!deps.care || !meta || !page.success || !body.view) return;
      const t = translator(await deps.readerLocale(body.user.id));
      let view: ModalView;
      try {
        view = buildCareHistoryModal(t, await deps.care.history(meta.c), page.data);
      } catch (error) {
        view = fail(t, error, 'care history paging failed');
      }
      await client.views.update({ view_id: body.view.id, view });
    },
  );

  registerAction<BlockAction<ButtonAction>>(
    app,
    ActionIds.careEdit,
    async ({ ack, action, body, client }) => {
      await ack();
      const id = zCustomerId.safeParse(action.value);
      if (!deps.care || !id.success) return;
      const pushed = await openLoadingModal(client, body.trigger_id, { push: true, text: 'care.loading' });
      const t = translator(await deps.readerLocale(body.user.id));
      let view: ModalView;
      try {
        const customer = await deps.care.customer(id.data);
        view = buildCareEditModal(t, customer, await deps.care.chart(customer.id));
      } catch (error) {
        view = fail(t, error, 'care chart edit failed');
      }
      await pushed.fill(view);
    },
  );

  registerAction<BlockAction<ButtonAction>>(
    app,
    ActionIds.careRevisions,
    async ({ ack, action, body, client }) => {
      await ack();
      const id = zCustomerId.safeParse(action.value);
      if (!deps.care || !id.success) return;
      const pushed = await openLoadingModal(client, body.trigger_id, { push: true, text: 'care.loading' });
      const t = translator(await deps.readerLocale(body.user.id));
      let view: ModalView;
      try {
        const customer = await deps.care.customer(id.data);
        view = buildCareRevisionsModal(t, customer, await deps.care.revisions(customer.id, 46));
      } catch (error) {
        view = fail(t, error, 'care chart edit history failed');
      }
      await pushed.fill(view);
    },
  );
}
