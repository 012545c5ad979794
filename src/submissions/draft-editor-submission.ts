import type { App } from '@slack/bolt';
import { translator } from '../i18n/index.ts';
import { errorWords } from '../listeners/draft-editor.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { parseMeta } from '../views/block-kit.ts';
import { parseEditorState, zEditorMeta } from '../views/draft-modal.ts';
import { DraftBlocks, ViewIds } from '../views/ids.ts';

/**
 * Submitting the editor ("Save & close") saves a version; closing it saves too — a closed modal never
 * loses a draft. Submission validates first and acks with errors on the name input when saving fails.
 */
export function registerDraftEditorSubmission(app: App, deps: AppDeps) {
  const drafting = deps.drafting;
  if (!drafting) return;

  app.view(ViewIds.draftEditor, async ({ ack, body, view, logger }) => {
    const meta = parseMeta(zEditorMeta, view.private_metadata);
    if (!meta) {
      await ack();
      return;
    }
    // The reader's words, looked up only when there is something to say (the ack must come quickly).
    const words = async () => translator(await drafting.locale(body.user.id));
    const nameBlock =
      Object.keys(view.state.values).find((k) => k.startsWith(DraftBlocks.name)) ?? DraftBlocks.name;
    try {
      const state = await drafting.service.refresh(meta.d);
      const content = parseEditorState(view.state, meta, state.draft);
      if (!content.name) {
        await ack({
          response_action: 'errors',
          errors: { [nameBlock]: (await words())('dthread.name_required') },
        });
        return;
      }
      if (state.draft.status === 'open' || state.draft.status === 'failed') {
        await drafting.service.save(meta.d, content, body.user.id, 'submit');
      }
      await ack();
    } catch (error) {
      logger.warn(`draft submit: ${String(error)}`);
      await ack({
        response_action: 'errors',
        errors: { [nameBlock]: errorWords(error, await words()).slice(0, 150) },
      });
    }
  });

  app.view({ callback_id: ViewIds.draftEditor, type: 'view_closed' }, async ({ ack, body, view, logger }) => {
    await ack();
    const meta = parseMeta(zEditorMeta, view.private_metadata);
    if (!meta) return;
    try {
      const state = await drafting.service.refresh(meta.d);
      if (state.draft.status !== 'open' && state.draft.status !== 'failed') return;
      const content = parseEditorState(view.state, meta, state.draft);
      await drafting.service.save(
        meta.d,
        { ...content, name: content.name || state.draft.name },
        body.user.id,
        'close',
      );
    } catch (error) {
      logger.warn(`draft close: ${String(error)}`);
    }
  });
}
