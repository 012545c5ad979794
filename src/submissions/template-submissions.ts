import type { AckFn, App, ViewResponseAction, ViewSubmitAction } from '@slack/bolt';
import { templateInputSchema } from '../domain/templates/template.ts';
import type { Translate } from '../i18n/index.ts';
import { type AppDeps, readerT } from '../listeners/listener-deps.ts';
import { TemplateBlocks, ViewIds } from '../views/ids.ts';
import {
  buildTemplateBrowserModal,
  buildTemplateHistoryModal,
  buildTemplateModal,
  buildTemplateSearchModal,
  describeDuplicates,
  parseTemplateViewMetadata,
  readViewState,
  SEARCH_RESULTS,
  SLACK_INPUT_MAX,
} from '../views/templates.ts';

type Ack = AckFn<ViewResponseAction>;
type Submission = ViewSubmitAction;

/** Which modal input shows a problem with each field of a template. */
const blockOfField: Record<string, string> = {
  title: TemplateBlocks.title,
  path: TemplateBlocks.folder,
  body: TemplateBlocks.body,
  tags: TemplateBlocks.tags,
  product: TemplateBlocks.product,
};

/**
 * Template modal submissions. The one place that answers through ack: it validates, saves (a few ms of
 * SQLite and the in-memory index) and acks with either field errors or the next view.
 */
export function registerTemplateViews(app: App, deps: AppDeps) {
  const templates = deps.templates;
  if (!templates) return;
  const { catalog, editors } = templates;
  const logger = deps.logger.child({ component: 'template-views' });

  /** Every answer is the submitter's own screen: in their language (users.info, cached per user). */
  const onSubmit = (
    callbackId: string,
    handle: (body: Submission, ack: Ack, tr: Translate) => Promise<void>,
  ) => {
    app.view<ViewSubmitAction>(callbackId, async ({ ack, body }) => {
      const tr = await readerT(deps, body.user.id);
      try {
        await handle(body, ack, tr);
      } catch (error) {
        logger.error('template modal submission failed', { callbackId, error });
        await ack({
          response_action: 'errors',
          errors: { [TemplateBlocks.title]: tr('tpl.err.save_failed') },
        }).catch(() => undefined);
      }
    });
  };
  const refuse = (ack: Ack, block: string, tr: Translate) =>
    ack({ response_action: 'errors', errors: { [block]: tr('tpl.err.not_editor') } });

  onSubmit(ViewIds.templateSearch, async (body, ack, tr) => {
    const query = readViewState(body.view.state).text(TemplateBlocks.query).replace(/\s+/g, ' ').trim();
    if (query === '')
      return ack({
        response_action: 'errors',
        errors: { [TemplateBlocks.query]: tr('tpl.err.query_empty') },
      });
    const ctx = parseTemplateViewMetadata(body.view.private_metadata);
    const hits = await catalog.search(query, { limit: SEARCH_RESULTS });
    await ack({
      response_action: 'update',
      view: buildTemplateSearchModal(query, hits, { c: ctx.c, th: ctx.th }, tr),
    });
  });

  onSubmit(ViewIds.templateEditor, async (body, ack, tr) => {
    if (!(await editors.canEdit(body.user.id))) return refuse(ack, TemplateBlocks.title, tr);
    const state = readViewState(body.view.state);
    const meta = parseTemplateViewMetadata(body.view.private_metadata);
    const parsed = templateInputSchema.safeParse({
      title: state.text(TemplateBlocks.title),
      path: state.text(TemplateBlocks.folder),
      body: state.text(TemplateBlocks.body),
      tags: state.text(TemplateBlocks.tags),
      product: state.text(TemplateBlocks.product),
    });
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const block = blockOfField[String(issue.path[0])] ?? TemplateBlocks.title;
        errors[block] ??= issueText(issue, tr);
      }
      return ack({ response_action: 'errors', errors });
    }
    const force = state.checked(TemplateBlocks.force).includes('force');
    if (meta.id) {
      const current = await catalog.get(meta.id);
      if (current && current.body.length > SLACK_INPUT_MAX) {
        return ack({
          response_action: 'errors',
          errors: {
            [TemplateBlocks.body]: tr('tpl.err.body_too_long', { max: SLACK_INPUT_MAX }),
          },
        });
      }
    }
    const outcome = meta.id
      ? await catalog.update(meta.id, parsed.data, body.user.id, { force, expectedVersion: meta.v })
      : await catalog.create(parsed.data, body.user.id, { force });
    switch (outcome.status) {
      case 'duplicates':
        return ack({
          response_action: 'errors',
          errors: { [TemplateBlocks.body]: describeDuplicates(outcome.duplicates, tr) },
        });
      case 'conflict':
        return ack({
          response_action: 'errors',
          errors: {
            [TemplateBlocks.title]: tr('tpl.err.conflict', { version: outcome.template.version }),
          },
        });
      case 'not_found':
        return ack({
          response_action: 'errors',
          errors: { [TemplateBlocks.title]: tr('tpl.err.deleted') },
        });
      case 'saved':
        logger.info('template saved', {
          id: outcome.template.id,
          version: outcome.template.version,
          user: body.user.id,
        });
        return ack({
          response_action: 'update',
          view: buildTemplateModal(outcome.template, {
            canEdit: true,
            ctx: { c: meta.c, th: meta.th },
            note: tr('tpl.saved_note', { version: outcome.template.version }),
            tr,
          }),
        });
    }
  });

  onSubmit(ViewIds.templateMove, async (body, ack, tr) => {
    if (!(await editors.canEdit(body.user.id))) return refuse(ack, TemplateBlocks.title, tr);
    const state = readViewState(body.view.state);
    const meta = parseTemplateViewMetadata(body.view.private_metadata);
    const current = meta.id ? await catalog.get(meta.id) : null;
    if (!current || current.deletedAt)
      return ack({
        response_action: 'errors',
        errors: { [TemplateBlocks.title]: tr('tpl.err.deleted') },
      });
    const parsed = templateInputSchema.safeParse({
      ...current,
      title: state.text(TemplateBlocks.title),
      path: state.text(TemplateBlocks.folder),
    });
    if (!parsed.success)
      return ack({
        response_action: 'errors',
        errors: { [TemplateBlocks.title]: parsed.error.issues.map((i) => issueText(i, tr)).join(' ') },
      });
    // Moving or renaming is not a new text: no duplicate check.
    const outcome = await catalog.update(current.id, parsed.data, body.user.id, {
      force: true,
      expectedVersion: meta.v,
    });
    if (outcome.status !== 'saved')
      return ack({
        response_action: 'errors',
        errors: {
          [TemplateBlocks.title]: tr('tpl.err.changed'),
        },
      });
    await ack({
      response_action: 'update',
      view: buildTemplateModal(outcome.template, {
        canEdit: true,
        ctx: { c: meta.c, th: meta.th },
        note: tr('tpl.moved_note', { version: outcome.template.version }),
        tr,
      }),
    });
  });

  onSubmit(ViewIds.templateHistory, async (body, ack, tr) => {
    const state = readViewState(body.view.state);
    const meta = parseTemplateViewMetadata(body.view.private_metadata);
    const t = meta.id ? await catalog.get(meta.id) : null;
    if (!t) return ack();
    const from = Number(state.selected(TemplateBlocks.from));
    const to = Number(state.selected(TemplateBlocks.to));
    const diff = await catalog.diff(t.id, from, to);
    if (!diff)
      return ack({ response_action: 'errors', errors: { [TemplateBlocks.from]: tr('tpl.err.pick_two') } });
    await ack({
      response_action: 'update',
      view: buildTemplateHistoryModal(
        t,
        await catalog.versions(t.id),
        { c: meta.c, th: meta.th },
        { from, to, lines: diff.lines },
        tr,
      ),
    });
  });

  onSubmit(ViewIds.templateFolderMove, async (body, ack, tr) => {
    if (!(await editors.canEdit(body.user.id))) return refuse(ack, TemplateBlocks.folder, tr);
    const meta = parseTemplateViewMetadata(body.view.private_metadata);
    const target = templateInputSchema.shape.path.safeParse(
      readViewState(body.view.state).text(TemplateBlocks.folder),
    );
    if (!meta.folder || !target.success || target.data === '')
      return ack({
        response_action: 'errors',
        errors: { [TemplateBlocks.folder]: tr('tpl.err.folder_path') },
      });
    if (target.data === meta.folder || target.data.startsWith(`${meta.folder}/`)) {
      return ack({
        response_action: 'errors',
        errors: { [TemplateBlocks.folder]: tr('tpl.err.folder_into_itself') },
      });
    }
    await catalog.moveFolder(meta.folder, target.data, body.user.id);
    await ack({
      response_action: 'update',
      view: buildTemplateBrowserModal(await catalog.browse(target.data), {
        canEdit: true,
        ctx: { c: meta.c, th: meta.th },
        tr,
      }),
    });
  });
}

/** A field problem in the submitter's words: empty, too long, too many tags (else zod's own message). */
function issueText(issue: ZodIssueLike, tr: Translate): string {
  if (issue.code === 'too_small') return tr('tpl.err.empty');
  if (issue.code === 'too_big' && issue.path[0] === 'tags' && issue.origin === 'array')
    return tr('tpl.err.too_many_tags', { max: Number(issue.maximum) });
  if (issue.code === 'too_big') return tr('tpl.err.too_long_field', { max: Number(issue.maximum) });
  return issue.message;
}
type ZodIssueLike = {
  code: string;
  message: string;
  path: PropertyKey[];
  origin?: string;
  maximum?: number | bigint;
};
