import type { App } from '@slack/bolt';
import { parseFacts } from '../domain/care/care-chart-model.ts';
import { asYorisoiError } from '../errors.ts';
import { translator } from '../i18n/index.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { parseMeta } from '../views/block-kit.ts';
import { buildCareHistoryModal, parseCareEditState, zEditMeta } from '../views/care-chart.ts';
import { CareBlockIds, ViewIds } from '../views/ids.ts';

/**
 * Saving the care chart modal: validates (facts must be "key: value" lines; nobody else saved meanwhile),
 * answers with errors on the inputs or closes the edit; then the history modal underneath shows the new
 * version. Open tickets of the customer get their root re-rendered through the outbox.
 */
export function registerCareChartEditSubmission(app: App, deps: AppDeps) {
  app.view(ViewIds.careEdit, async ({ ack, body, view, client }) => {
    const care = deps.care;
    const meta = parseMeta(zEditMeta, view.private_metadata);
    const form = parseCareEditState(view.state.values);
    if (!care || !meta || !form) {
      const t = translator(await deps.readerLocale(body.user.id));
      await ack({ response_action: 'errors', errors: { [CareBlockIds.notes]: t('care.form_out_of_date') } });
      return;
    }
    const { facts, problems } = parseFacts(form.factsText);
    if (problems.length > 0) {
      await ack({
        response_action: 'errors',
        errors: { [CareBlockIds.facts]: problems.join('; ').slice(0, 300) },
      });
      return;
    }
    try {
      await care.saveEdit({
        customerId: meta.c,
        expectedVersion: meta.v,
        authorSlackId: body.user.id,
        content: {
          notes: form.notes,
          flagged: form.flagged,
          flagReason: form.flagged ? form.flagReason : null,
          facts,
        },
      });
    } catch (error) {
      const e = asYorisoiError(error);
      if (e.code === 'internal') deps.logger.error('care chart save failed', { error });
      await ack({ response_action: 'errors', errors: { [CareBlockIds.notes]: e.userMessage.slice(0, 300) } });
      return;
    }
    await ack();
    const rootViewId = view.root_view_id;
    if (rootViewId && rootViewId !== view.id) {
      const history = await care.history(meta.c);
      const t = translator(await deps.readerLocale(body.user.id));
      await client.views
        .update({ view_id: rootViewId, view: buildCareHistoryModal(t, history, 0) })
        .catch((error: unknown) => {
          deps.logger.warn('could not refresh the history modal after a save', { error });
        });
    }
  });
}
